"""Text tidying shared by every form that stores free text (project-level, so all apps may use
it).

Browsers send textareas with CRLF line ends, and pasted text can carry control characters
(U+000B from word processors, U+001F …) that XML 1.0 cannot hold (they broke the Atom/RSS
feeds) and zero-width characters that make a reason look empty. :func:`tidy_text` removes
them; :class:`TidyTextFormMixin` applies it to every string a form cleans.
"""

import re

from django import forms

#: C0 controls except tab and line feed, DEL, C1 controls, the invisible format characters
#: people paste by accident (zero-width space/joiners, word joiner, BOM), the bidirectional
#: marks, embeddings, overrides and isolates (U+202E turned "abc\u202edef" into "abcfed" and
#: reversed the rest of a moderation row), and the noncharacters U+FFFE/U+FFFF.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufffe\uffff]"
)
#: Unicode line and paragraph separators, read as line breaks.
_SEPARATORS = re.compile("[\u2028\u2029\x85]")


def tidy_text(value: str, *, multiline: bool = True) -> str:
    """``value`` with CRLF/CR made LF, control and zero-width characters removed, and
    surrounding whitespace stripped. With ``multiline=False`` line breaks and tabs become
    single spaces too. ``tidy_text("a\\r\\nb\\x0b")`` → ``"a\\nb"``."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = _SEPARATORS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    if not multiline:
        text = re.sub(r"[\t\n]+", " ", text)
    return text.strip()


def has_visible_text(value: str) -> bool:
    """True when ``value`` has something left to read after :func:`tidy_text`."""
    return bool(tidy_text(value))


class TidyTextFormMixin:
    """A form mixin: after field cleaning, every string value is passed through
    :func:`tidy_text` (textareas keep their line breaks, one-line inputs lose them). Put it
    before ``forms.Form``/``ModelForm`` in the bases. Password fields are left exactly as typed;
    a required field with nothing visible left gets the field's "required" error."""

    def _clean_fields(self):
        super()._clean_fields()
        for name, value in list(self.cleaned_data.items()):
            field = self.fields.get(name)
            if not isinstance(value, str) or field is None or isinstance(field.widget, forms.PasswordInput):
                continue
            tidy = tidy_text(value, multiline=isinstance(field.widget, forms.Textarea))
            if field.required and not tidy:
                self.add_error(name, forms.ValidationError(field.error_messages["required"], code="required"))
            else:
                self.cleaned_data[name] = tidy
