"""Decision rooms (lesson 08): take a seat on a real day, decide with what was known, then
meet what happened."""
