"""Card forms as data: TOML definitions → frozen field specs shared by editor, printer and importer."""

from guestcard.forms.loader import FormError, FormLibrary, check_form_file, load_library
from guestcard.forms.spec import Choice, FieldSpec, FieldType, FormSpec, Label, SectionSpec
from guestcard.forms.values import format_value, is_empty, parse_value, to_json

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
    "format_value",
    "is_empty",
    "load_library",
    "parse_value",
    "to_json",
]
