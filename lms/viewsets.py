from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.views import generic
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views.users import CreateView as WagtailUserCreateView
from wagtail.users.views.users import DeleteView as WagtailUserDeleteView
from wagtail.users.views.users import EditView as WagtailUserEditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from lms.forms import PROFILE_FIELDS, ProfileFieldsMixin
from lms.models import Organiser
from lms.privacy import erase


class AdminProfileFieldsMixin(ProfileFieldsMixin):
    @property
    def profile_fields(self):
        """Bound profile fields, in order, for templates/wagtailusers/users/sinau_form.html."""
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


class AnonymiseUserView(WagtailUserDeleteView):
    """Staff's "Delete" anonymises the account in place (lms/privacy.py: erase), on the person's request.

    Deleting the row would be refused by the enrolments that point at it (and would take the
    wave's counts with it); the anonymised row keeps them, and the run is recorded.
    """

    page_title = _("Delete user's personal data")
    success_message = _("The account of '%(object)s' has been anonymised: personal data and files erased.")

    @property
    def confirmation_message(self):
        return _(
            "The name, contacts, NIP, agency, files and notices of this account will be erased and it will no "
            "longer log in. Registrations, attendance and certificates stay counted in reports, without the "
            "person's details; the certificate registry keeps the name as printed. This cannot be undone."
        )

    def delete_action(self):
        erase(self.object, actor=self.request.user, note="Dihapus oleh staf dari admin pengguna")


class SinauUserCreateView(WagtailUserCreateView):
    # templates/wagtailusers/users/sinau_form.html extends the page this names.
    form_page_template = "wagtailusers/users/create.html"


class SinauUserEditView(WagtailUserEditView):
    form_page_template = "wagtailusers/users/edit.html"


class SinauUserCopyView(generic.CopyView):
    form_page_template = "wagtailusers/users/create.html"


class UserViewSet(WagtailUserViewSet):
    add_view_class = SinauUserCreateView
    edit_view_class = SinauUserEditView
    copy_view_class = SinauUserCopyView
    create_template_name = edit_template_name = "wagtailusers/users/sinau_form.html"
    delete_view_class = AnonymiseUserView

    def get_form_class(self, for_update=False):
        return SinauUserEditForm if for_update else SinauUserCreationForm


class OrganiserViewSet(SnippetViewSet):
    """Offices that run programmes; staff keep the name, place and logo printed on certificates."""

    model = Organiser
    icon = "site"
    menu_label = _("Organisers")
    menu_order = 170
    add_to_admin_menu = True
    list_display = ["name", "short_name", "place"]
    search_fields = ["name", "short_name"]
    copy_view_enabled = False
    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("place"), FieldPanel("logo")]
