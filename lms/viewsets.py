from django import forms
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.forms import PROFILE_FIELDS, ProfileFieldsMixin


class SinauUserCreationForm(ProfileFieldsMixin, UserCreationForm):
    first_name = None
    last_name = None

    class Meta(UserCreationForm.Meta):
        fields = UserCreationForm.Meta.fields - {"first_name", "last_name"} | set(PROFILE_FIELDS)
        widgets = {"groups": forms.CheckboxSelectMultiple}


class SinauUserEditForm(ProfileFieldsMixin, UserEditForm):
    """Staff may correct any field, the locked certificate name included."""

    first_name = None
    last_name = None

    class Meta(UserEditForm.Meta):
        fields = UserEditForm.Meta.fields - {"first_name", "last_name"} | set(PROFILE_FIELDS)
        widgets = {"groups": forms.CheckboxSelectMultiple}


class UserViewSet(WagtailUserViewSet):
    def get_form_class(self, for_update=False):
        return SinauUserEditForm if for_update else SinauUserCreationForm
