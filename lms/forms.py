from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from lms.access import can_delete_own_account
from lms.models import User
from lms.validators import normalise_whatsapp

PROFILE_FIELDS = ["full_name", "whatsapp", "segment", "nip", "opd", "business_name", "district"]


class ProfileFieldsMixin:
    """Shared input handling for the profile fields on every form that edits them."""

    def clean_whatsapp(self):
        return normalise_whatsapp(self.cleaned_data.get("whatsapp", ""))

    def clean_nip(self):
        return "".join(self.cleaned_data.get("nip", "").split())


class SignupProfileForm(ProfileFieldsMixin, forms.Form):
    """The profile part of allauth's sign-up form (ACCOUNT_SIGNUP_FORM_CLASS)."""

    privacy_consent = forms.BooleanField(
        required=True,
        error_messages={"required": _("You must agree to the privacy notice to register.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(forms.fields_for_model(User, fields=PROFILE_FIELDS))
        self.fields["privacy_consent"].label = format_html(
            _('I have read the <a href="{}">privacy notice</a> and agree to my data being used for this training.'),
            reverse_lazy("privacy"),
        )
        # Keep the consent box last, after the profile fields.
        self.fields["privacy_consent"] = self.fields.pop("privacy_consent")

    def clean(self):
        cleaned = super().clean()
        candidate = User(**{name: cleaned.get(name, "") for name in PROFILE_FIELDS})
        try:
            candidate.full_clean(exclude=["email", "password"], validate_unique=False)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                target = field if field in self.fields else None
                for message in messages:
                    if target is None or target not in self.errors:
                        self.add_error(target, message)
        return cleaned

    def signup(self, request, user):
        for name in PROFILE_FIELDS:
            setattr(user, name, self.cleaned_data[name])
        user.privacy_consent_at = timezone.now()
        # The language the site spoke while signing up (the switcher's choice) is theirs for emails.
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.language = language
        user.save()


class ProfileForm(ProfileFieldsMixin, forms.ModelForm):
    """ "Profil saya": the participant corrects their own profile."""

    class Meta:
        model = User
        fields = PROFILE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.is_full_name_locked:
            field = self.fields["full_name"]
            # A disabled field ignores whatever is posted and keeps the saved value.
            field.disabled = True
            field.help_text = _(
                "A certificate has been issued with this name, so it can no longer be changed here. "
                "Contact the organisers to correct it; they will re-issue your certificate."
            )


class DeleteAccountForm(forms.Form):
    """ "Hapus akun": the password, so a borrowed phone with a session open cannot do it."""

    password = forms.CharField(label=_("Your password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("That is not your password."))
        return password

    def clean(self):
        if not can_delete_own_account(self.user):
            raise ValidationError(_("Staff accounts are deleted by an administrator, from the user admin."))
        return super().clean()
