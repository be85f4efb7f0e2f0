"""Writing OAI-PMH responses with lxml, in UTF-8."""

from datetime import UTC

from lxml import etree

from .dublin_core import clean_text, xml_safe

OAI = "http://www.openarchives.org/OAI/2.0/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
MARC = "http://www.loc.gov/MARC21/slim"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCHEMA_LOCATION = f"{{{XSI}}}schemaLocation"


def datestamp(value):
    """UTC to the second, the granularity Identify declares."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _sub(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, tag, {k: str(v) for k, v in attributes.items()})
    if text is not None:
        element.text = clean_text(text)
    return element


def oai(parent, name, text=None, **attributes):
    return _sub(parent, f"{{{OAI}}}{name}", text, **attributes)


def envelope(response_date, base_url, arguments):
    root = etree.Element(f"{{{OAI}}}OAI-PMH", nsmap={None: OAI, "xsi": XSI})
    root.set(SCHEMA_LOCATION, f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd")
    oai(root, "responseDate", datestamp(response_date))
    request = oai(root, "request", base_url)
    for key, value in arguments.items():
        request.set(key, value)
    return root


def error(root, code, message):
    oai(root, "error", message, code=code)


def header(parent, identifier, stamp, set_specs, deleted=False):
    element = oai(parent, "header")
    if deleted:
        element.set("status", "deleted")
    oai(element, "identifier", identifier)
    oai(element, "datestamp", datestamp(stamp))
    for spec in set_specs:
        oai(element, "setSpec", spec)
    return element


def dublin_core(parent, dc):
    container = etree.SubElement(
        parent, f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI}
    )
    container.set(SCHEMA_LOCATION, f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    for name, text, lang in dc.items():
        element = etree.SubElement(container, f"{{{DC}}}{name}")
        element.text = text
        if lang:
            element.set(XML_LANG, lang)
    return container


def marc21(parent, record):
    """A pymarc Record as a MARCXML <record>, text cleaned of what XML cannot carry."""
    element = etree.SubElement(parent, f"{{{MARC}}}record", nsmap={None: MARC, "xsi": XSI})
    element.set(
        SCHEMA_LOCATION, f"{MARC} http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd"
    )
    element.set("type", "Bibliographic")
    leader = etree.SubElement(element, f"{{{MARC}}}leader")
    leader.text = xml_safe(record.leader)
    for field in record.fields:
        if field.is_control_field():
            control = etree.SubElement(element, f"{{{MARC}}}controlfield", tag=field.tag)
            control.text = xml_safe(field.data) or " "
            continue
        datafield = etree.SubElement(
            element,
            f"{{{MARC}}}datafield",
            tag=field.tag,
            ind1=field.indicator1 or " ",
            ind2=field.indicator2 or " ",
        )
        for subfield in field.subfields:
            sub = etree.SubElement(datafield, f"{{{MARC}}}subfield", code=subfield.code)
            sub.text = xml_safe(subfield.value).strip()
    return element


def serialize_children(root, start=0):
    """The children of `root` from `start` on, as UTF-8 bytes, removed from `root`: the part of
    a response that can be kept and sent again inside a new envelope."""
    children = list(root)[start:]
    body = b"".join(etree.tostring(child, encoding="UTF-8") for child in children)
    for child in children:
        root.remove(child)
    return body


def serialize(root, body=b""):
    """The document, with `body` (from `serialize_children`) as the last children of its root."""
    document = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    if not body:
        return document
    end = document.rindex(b"</")
    return document[:end] + body + document[end:]
