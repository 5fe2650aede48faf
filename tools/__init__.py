"""The course's tools: the PDF, the link check and the static server, installed as `downhill_tools`."""
