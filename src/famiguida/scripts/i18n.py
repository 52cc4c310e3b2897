"""Interface translations: rebuild the catalogue, sync the .po files, check.

    python -m famiguida.scripts.i18n            # make i18n: rebuild + sync
    python -m famiguida.scripts.i18n --check    # report what is missing

``src/famiguida/locales/famiguida.pot`` is rebuilt from the sources with
i18ndude (Python ``_()`` calls, page templates, ZCML and GenericSetup XML of
the ``famiguida`` domain); every ``<lang>/LC_MESSAGES/famiguida.po`` of the 11
offered languages is then synced with it (new msgids come with an empty
msgstr, vanished ones are dropped) and gets a clean header. The Italian
catalogue is filled from the defaults written in the code, since Italian is
the source language.

Plone core's catalogues for languages core does not translate (pa, ur) live
next to ours as ``<lang>/LC_MESSAGES/<domain>.po`` (``plone.po``, ...); they
are maintained by hand and not touched here.
"""

from pathlib import Path

import argparse
import importlib
import polib
import re
import shutil
import subprocess
import sys
import tempfile


DOMAIN = "famiguida"
PACKAGE = Path(__file__).resolve().parents[1]
LOCALES = PACKAGE / "locales"
SOURCE_LANGUAGE = "it"
LANGUAGES = ("it", "en", "fr", "ar", "es", "ro", "sq", "uk", "zh", "pa", "ur")

# Language-Name (in the language itself) and gettext plural rules; the
# catalogues use no ngettext plurals but the header keeps tools happy.
LANGUAGE_INFO = {
    "it": ("Italiano", "nplurals=2; plural=(n != 1);"),
    "en": ("English", "nplurals=2; plural=(n != 1);"),
    "fr": ("Français", "nplurals=2; plural=(n > 1);"),
    "ar": (
        "العربية",
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);",
    ),
    "es": ("Español", "nplurals=2; plural=(n != 1);"),
    "ro": (
        "Română",
        "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100>0 && n%100<20)) ? 1 : 2);",
    ),
    "sq": ("Shqip", "nplurals=2; plural=(n != 1);"),
    "uk": (
        "Українська",
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
        "n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
    ),
    "zh": ("中文", "nplurals=1; plural=0;"),
    "pa": ("ਪੰਜਾਬੀ", "nplurals=2; plural=(n > 1);"),
    "ur": ("اردو", "nplurals=2; plural=(n != 1);"),
}

# Plone core msgids ("plone" domain) on the public pages the portal renders
# (header, footer, search box, breadcrumbs, language root home page, the
# directory's pages, status messages), collected by rendering those pages.
# Core has no pa, ur or plain zh catalogue, and gaps in others (sq, ar, ...):
# locales/<lang>/LC_MESSAGES/plone.po ships exactly the msgids core lacks.
CORE_PUBLIC_MSGIDS = {
    "plone": (
        "Accessibility",
        "Contact",
        "Home",
        "Log in",
        "Site Map",
        "breadcrumb",
        "description_copyright",
        "description_license",
        "label_advanced_search",
        "label_gnu_gpl_licence",
        "label_plone_cms",
        "label_plone_foundation",
        "label_powered_by_plone",
        "label_search",
        "label_toggle_navigation",
        "tabs_home",
        "text_search",
        "title_built_with_plone",
        "title_copyright",
        "title_search_site",
        "title_search_this_site",
        "statusmessage_mtype_info",
        "statusmessage_mtype_warning",
        "statusmessage_mtype_error",
        # the desk forms (z3c.form widgets of plone.app.z3cform)
        "Clear",
        "Today",
        "namedfile_accepted_types",
        "title_required",
    ),
    "z3c.form": ("No value",),
}

DEFAULT_COMMENT = re.compile(r'^Default: "(.*)"$', re.DOTALL)
VARIABLE = re.compile(r"\$\{[^}]*\}")


def i18ndude():
    """The i18ndude script of this environment."""
    script = Path(sys.executable).parent / "i18ndude"
    if script.exists():
        return str(script)
    found = shutil.which("i18ndude")
    if not found:
        raise SystemExit("i18ndude is not installed (make install)")
    return found


def default_of(entry):
    """The default text the code gives a msgid (else the msgid itself)."""
    for line in (entry.comment or "").splitlines():
        match = DEFAULT_COMMENT.match(line.strip())
        if match:
            return match.group(1).replace('\\"', '"').replace("\\\\", "\\")
    return entry.msgid


def has_default(entry):
    return any(
        DEFAULT_COMMENT.match(line.strip())
        for line in (entry.comment or "").splitlines()
    )


SOURCE_PREFIX = "source: "


def source_of(entry):
    """The Italian text a translation was written from (its ``# source:``
    line), or None."""
    for line in (entry.tcomment or "").splitlines():
        if line.startswith(SOURCE_PREFIX):
            return line[len(SOURCE_PREFIX) :].replace("\\n", "\n")
    return None


def set_source(entry, text):
    """Record (text) or forget (None) the Italian a translation follows."""
    lines = [
        line
        for line in (entry.tcomment or "").splitlines()
        if not line.startswith(SOURCE_PREFIX)
    ]
    if text is not None:
        lines.append(SOURCE_PREFIX + text.replace("\n", "\\n"))
    entry.tcomment = "\n".join(lines)


def variables(text):
    return sorted(VARIABLE.findall(text or ""))


def build_pot(pot_path, source=PACKAGE):
    """Write the catalogue of the sources' ``famiguida`` msgids to pot_path."""
    pot_path = Path(pot_path)
    pot_path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603 (our own i18ndude, fixed arguments)
        [
            i18ndude(),
            "rebuild-pot",
            "--pot",
            str(pot_path),
            "--create",
            DOMAIN,
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    # A stable header: no creation date, so a rebuild without new msgids
    # leaves the file unchanged.
    text = pot_path.read_text(encoding="utf-8")
    # i18ndude's opening comments ("#--- PLEASE EDIT ...") trip polib.
    text = text[text.index('msgid ""') :]
    pot = polib.pofile(text, wrapwidth=0)
    add_form_messages(pot)
    pot.header = ""
    pot.metadata = header(None)
    pot.save(str(pot_path))
    return pot_path


# The desk forms are defined as data (content/forms, read by
# famiguida.content_loader.forms): their labels are msgids of our domain that
# no source file of the package holds.
FORMS = PACKAGE.parents[1] / "content" / "forms"


def add_form_messages(pot, forms_dir=FORMS):
    """Add the desk forms' msgids (with their Italian defaults) to ``pot``."""
    from famiguida.content_loader.forms import messages
    from famiguida.content_loader.forms import read_forms

    if not (Path(forms_dir) / "_common.json").is_file():
        return
    known = {entry.msgid for entry in pot}
    for msgid, default in messages(*read_forms(forms_dir)):
        if msgid in known:
            continue
        # written as i18ndude writes a default (default_of reads it back)
        default = default.replace("\\", "\\\\").replace('"', '\\"')
        pot.append(
            polib.POEntry(
                msgid=msgid,
                msgstr="",
                comment=f'Default: "{default}"',
                occurrences=[("content/forms", "")],
            )
        )


def header(language):
    name, plurals = LANGUAGE_INFO.get(language, ("", "nplurals=1; plural=0;"))
    metadata = {
        "Project-Id-Version": "famiguida",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=utf-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": plurals,
        "Domain": DOMAIN,
    }
    if language:
        metadata["Language"] = language
        metadata["Language-Code"] = language
        metadata["Language-Name"] = name
        metadata["Preferred-Encodings"] = "utf-8"
    return metadata


# Core domains whose catalogues ship with their own package.
OWN_CATALOGUE_PACKAGES = {"z3c.form": "z3c.form"}


def core_translations(language, domain):
    """{msgid: msgstr} of Plone core's own catalogue (plone.app.locales),
    empty when core has none for exactly this language code."""
    import plone.app.locales

    locales = Path(plone.app.locales.__file__).parent / "locales"
    if domain in OWN_CATALOGUE_PACKAGES:
        # a domain plone.app.locales leaves to the package that defines it
        package = importlib.import_module(OWN_CATALOGUE_PACKAGES[domain])
        locales = Path(package.__file__).parent / "locales"
    path = locales / language / "LC_MESSAGES" / f"{domain}.po"
    if not path.exists():
        return {}
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(path))
        if entry.msgstr and "fuzzy" not in entry.flags and not entry.obsolete
    }


def po_path(language, locales=LOCALES, domain=DOMAIN):
    return Path(locales) / language / "LC_MESSAGES" / f"{domain}.po"


def sync(pot_path, locales=LOCALES, languages=LANGUAGES):
    """Bring every language's .po in line with the .pot (i18ndude sync)."""
    paths = []
    for language in languages:
        path = po_path(language, locales)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            po = polib.POFile(wrapwidth=0)
            po.metadata = header(language)
            po.save(str(path))
        paths.append(path)
    subprocess.run(  # noqa: S603 (our own i18ndude, fixed arguments)
        [i18ndude(), "sync", "--pot", str(pot_path), *map(str, paths)],
        check=True,
        capture_output=True,
    )
    for language, path in zip(languages, paths, strict=True):
        po = polib.pofile(str(path), wrapwidth=0)
        po.header = ""
        po.metadata = header(language)
        if language == SOURCE_LANGUAGE:
            # Italian is the source: the msgstr follows the code's default
            # (a msgid without one, such as a GenericSetup action title, keeps
            # its hand-written Italian).
            for entry in po:
                if has_default(entry) or not entry.msgstr:
                    entry.msgstr = default_of(entry)
        for entry in po:
            # gettext skips fuzzy entries: a fuzzy translation counts as
            # missing instead.
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                entry.msgstr = "" if language != SOURCE_LANGUAGE else entry.msgstr
            if language == SOURCE_LANGUAGE:
                continue
            # Each translation remembers the Italian it was written from
            # ("# source:"); the check reports it when the Italian changes.
            if not entry.msgstr:
                set_source(entry, None)
            elif source_of(entry) is None:
                set_source(entry, default_of(entry))
        po.save(str(path))
    return paths


def problems(pot_path, locales=LOCALES, languages=LANGUAGES):
    """What keeps the catalogues from being complete, as readable lines."""
    found = []
    pot = polib.pofile(str(pot_path))
    wanted = {entry.msgid: entry for entry in pot if entry.msgid}
    for language in languages:
        path = po_path(language, locales)
        try:
            po = polib.pofile(str(path))
        except (OSError, ValueError) as error:
            found.append(f"{language}: {path.name} does not parse: {error}")
            continue
        entries = {entry.msgid: entry for entry in po if not entry.obsolete}
        for msgid, source in wanted.items():
            entry = entries.get(msgid)
            if entry is None:
                found.append(f"{language}: {msgid!r} is not in the .po (make i18n)")
            elif not entry.msgstr.strip():
                found.append(f"{language}: {msgid!r} has no translation")
            elif (
                language != SOURCE_LANGUAGE
                and source_of(entry) is not None
                and source_of(entry) != default_of(source)
            ):
                found.append(
                    f"{language}: {msgid!r} changed in Italian since it was "
                    f"translated ({source_of(entry)!r} -> {default_of(source)!r}): "
                    "update the msgstr, delete its '# source:' line, make i18n"
                )
            elif variables(entry.msgstr) != variables(default_of(source)):
                found.append(
                    f"{language}: {msgid!r} variables {variables(entry.msgstr)} "
                    f"differ from {variables(default_of(source))}"
                )
    return found


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="list what is missing, change nothing"
    )
    args = parser.parse_args(argv)
    pot_path = LOCALES / f"{DOMAIN}.pot"
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = build_pot(Path(tmp) / f"{DOMAIN}.pot")
            missing = problems(fresh)
        for line in missing:
            print(line)
        print(f"{len(missing)} problem(s)")
        return 1 if missing else 0
    build_pot(pot_path)
    sync(pot_path)
    missing = problems(pot_path)
    print(f"{pot_path.relative_to(PACKAGE.parent)}: rebuilt and synced.")
    print(f"{len(missing)} msgstr to write (python -m famiguida.scripts.i18n --check)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
