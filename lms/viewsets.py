from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.forms import PROFILE_FIELDS, ProfileFieldsMixin


class AdminProfileFieldsMixin(ProfileFieldsMixin):
    @property
    def profile_fields(self):
        """Bound profile fields, in order, for templates/wagtailusers/users/sinau_*.html."""
        return [self[name] for name in PROFILE_FIELDS]


class SinauUserCreationForm(AdminProfileFieldsMixin, UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields - {"first_name", "last_name"} | set(PROFILE_FIELDS)
        widgets = {"groups": forms.CheckboxSelectMultiple}


class SinauUserEditForm(AdminProfileFieldsMixin, UserEditForm):
    """Staff may correct any field, the locked certificate name included."""

    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields - {"first_name", "last_name"} | set(PROFILE_FIELDS)
        widgets = {"groups": forms.CheckboxSelectMultiple}


class UserViewSet(WagtailUserViewSet):
    create_template_name = "wagtailusers/users/sinau_create.html"
    edit_template_name = "wagtailusers/users/sinau_edit.html"

    def get_form_class(self, for_update=False):
        return SinauUserEditForm if for_update else SinauUserCreationForm
