from wagtail import hooks
from wagtail.snippets.models import register_snippet

from lms.admin_notices import NoticeViewSet
from lms.viewsets import OrganiserViewSet

register_snippet(OrganiserViewSet)


@hooks.register("register_admin_viewset")
def register_notice_viewset():
    return NoticeViewSet("lms_notice")
