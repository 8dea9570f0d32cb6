"""`kb web`: the production server of the built sites, with access control for the internal one."""
