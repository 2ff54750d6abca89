"""`cockpit bench`: generated data sets and the measurements Cockpit is held to."""
