"""Who pulls Belarus where: its partners, ties and dependence."""
