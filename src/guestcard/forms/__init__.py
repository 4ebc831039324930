"""Card forms as data: TOML definitions → frozen field specs shared by editor, printer and importer."""

from guestcard.forms.loader import FormError, FormLibrary, check_form_file, load_library
from guestcard.forms.spec import Choice, FieldSpec, FieldType, FormSpec, Label, SectionSpec

__all__ = [
    "Choice",
    "FieldSpec",
    "FieldType",
    "FormError",
    "FormLibrary",
    "FormSpec",
    "Label",
    "SectionSpec",
    "check_form_file",
    "load_library",
]
