from wagtail.snippets.models import register_snippet

from lms.viewsets import OrganiserViewSet

register_snippet(OrganiserViewSet)
