"""Configuration: pipeline recipes, casting (voices) files, lexicons, packaged resources and the
table of output formats. Everything here is read once, before any stage runs."""
