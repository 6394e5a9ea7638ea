"""namdong_jobs.text: what every free-text form field stores."""

from django import forms

from namdong_jobs.text import TidyTextFormMixin, has_visible_text, tidy_text


class NoteForm(TidyTextFormMixin, forms.Form):
    title = forms.CharField()
    body = forms.CharField(widget=forms.Textarea, required=False)
    password = forms.CharField(widget=forms.PasswordInput, required=False, strip=False)


def test_line_ends_controls_and_zero_width_characters_go():
    assert tidy_text("첫 줄\r\n둘째 줄\r셋째\x0b\x1f\u200b ") == "첫 줄\n둘째 줄\n셋째"
    assert tidy_text("제목\n이어짐\t끝", multiline=False) == "제목 이어짐 끝"
    assert not has_visible_text("\u200b\u200d\ufeff ")


def test_forms_store_tidy_text_and_refuse_invisible_required_values():
    form = NoteForm(data={"title": "경비원\x0b 모집", "body": "a\r\nb", "password": " \x0bpw "})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"title": "경비원 모집", "body": "a\nb", "password": " \x0bpw "}
    form = NoteForm(data={"title": "\u200b"})
    assert not form.is_valid()
    assert "title" in form.errors


def test_bidirectional_overrides_and_separators_go():
    """U+202E in a title reversed the text after it on the page and in moderation rows."""
    assert tidy_text("abc\u202edef\u2066x\u2069\u200f") == "abcdefx"
    assert tidy_text("첫 줄\u2028둘째\u2029셋째") == "첫 줄\n둘째\n셋째"
    assert tidy_text("제목\u2028이어짐", multiline=False) == "제목 이어짐"
    assert tidy_text("a\ufffeb\uffff") == "ab"
