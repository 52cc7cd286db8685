"""Who pulls Belarus where: its partners, their ties and dependence, and how each side saw it.

- :mod:`.ties`: queries over memberships and relations; :mod:`.network`: the ties as a
  network; :mod:`.actor_map`: the map and :class:`ActorMapExplorer`; :mod:`.primer`: the
  locator map of lesson 00.
- :mod:`.dependence`: trade and energy; :mod:`.perspectives`: what each side wanted.
"""
