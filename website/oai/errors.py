"""OAI-PMH error conditions, by the names the specification gives them (section 3.6)."""


class OAIError(Exception):
    code = None

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _error(code):
    return type(code[0].upper() + code[1:], (OAIError,), {"code": code})


BadVerb = _error("badVerb")
BadArgument = _error("badArgument")
BadResumptionToken = _error("badResumptionToken")
CannotDisseminateFormat = _error("cannotDisseminateFormat")
IdDoesNotExist = _error("idDoesNotExist")
NoRecordsMatch = _error("noRecordsMatch")
NoMetadataFormats = _error("noMetadataFormats")
NoSetHierarchy = _error("noSetHierarchy")
