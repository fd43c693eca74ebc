"""bone-guide: a talking, large-type terminal reader of a patient guide to bone metastases."""

__version__ = "0.1.0"
