"""Math typeset during the build with KaTeX, so pages ship the markup and no typesetting script."""
