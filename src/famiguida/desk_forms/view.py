"""The ``view`` of an EasyForm on the famiguida layer: easyform's form, plus
the spam defences on forms that feed a desk (``defences``) and the reference
number on the thank-you page.

easyform's own ``view`` has no layer, so this one wins on the site; forms
without a DeskRequestAction behave exactly as easyform's.
"""

from collective.easyform.api import is_file_data
from collective.easyform.browser.view import EasyFormForm
from collective.easyform.browser.view import EasyFormFormWrapper
from collective.easyform.config import FORM_ERROR_MARKER
from famiguida.desk_forms import defences
from famiguida.desk_forms.actions import desk_action
from famiguida.desk_forms.settings import setting
from famiguida.desk_forms.submission import CHECKED_KEY
from famiguida.desk_forms.submission import REFERENCE_KEY
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

import logging


logger = logging.getLogger("famiguida.desk_forms")


class DeskForm(EasyFormForm):
    form_template = ViewPageTemplateFile("templates/desk_form.pt")
    thank_you_template = ViewPageTemplateFile("templates/thank_you.pt")

    honeypot_name = defences.HONEYPOT
    token_name = defences.TOKEN

    @property
    def desk_action(self):
        if not hasattr(self, "_desk_action"):
            self._desk_action = desk_action(self.context)
        return self._desk_action

    @property
    def is_desk_form(self):
        return self.desk_action is not None

    @property
    def scope(self):
        """What the timestamp's signature is bound to: this form."""
        return "/".join(self.context.getPhysicalPath())

    def token(self):
        return defences.make_token(self.scope)

    def reference(self):
        return self.request.get(REFERENCE_KEY)

    def client(self):
        return self.request.getClientAddr() or "unknown"

    def refusal(self, fields):
        """The form-level error refusing this submission, or None."""
        form = self.request.form
        error = defences.check_honeypot(form)
        if error is None:
            error = defences.check_token(form, self.scope)
        if error is None:
            error = defences.check_rate(self.client())
        if error is None:
            maximum = setting("max_uploads")
            count = sum(1 for value in fields.values() if is_file_data(value))
            if count > maximum:
                error = defences.too_many_files_error(maximum)
        return error

    def processActions(self, fields):
        if not self.is_desk_form:
            return super().processActions(fields)
        error = self.refusal(fields)
        if error is not None:
            logger.info(
                "Desk form %s: submission refused (%s)", self.scope, error.default
            )
            return {FORM_ERROR_MARKER: error}
        self.request.set(CHECKED_KEY, True)
        try:
            result = super().processActions(fields)
        finally:
            self.request.set(CHECKED_KEY, False)
        if not result:
            defences.record_submission(self.client())
        return result


class DeskFormView(EasyFormFormWrapper):
    form = DeskForm
