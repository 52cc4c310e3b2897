"""famiguida: the multilingual guide to social services for migrant families."""

from zope.i18nmessageid import MessageFactory


_ = MessageFactory("famiguida")
