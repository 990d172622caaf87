from allauth.account.adapter import DefaultAccountAdapter

from lms.mail import send_later


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        """Render allauth's message now, deliver it from a task after commit."""
        send_later(self.render_mail(template_prefix, email, context))
