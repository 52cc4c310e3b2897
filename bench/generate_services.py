"""Generate a large, realistic service directory and load it into a site.

``N`` services (default 10,000), a pool of organizations (300) and locations
(1,000), spread over the real territory of ``content/territory.json``: Italian
titles from templates per need category ("Sportello casa di Crema", "Corso di
italiano A2 - Lodi"), descriptions that name the need, the town, the languages
spoken and the cost (so a stock free-text search can find what a facet
filters), target groups, languages, cost, districts or municipalities, valid
weekly hours and holiday exceptions, last-verified dates (about a third older
than a year), contacts.  Everything comes from one seeded ``random.Random``:
the same seed and reference date give the same directory.

Items are plain dicts in the format of ``content/items/*.json`` (plone.restapi
style: relations as site-relative paths, dates as ``YYYY-MM-DD``), so
``--dump`` writes a file the normal loader could read.  Loading, though, takes
the fast path: ``plone.api`` creates each object with its fields set directly
(no REST deserializer), the workflow publishes it, and the transaction is
committed every ``--commit-every`` items.  A sample is first checked through
the REST deserializer with ``validate_all`` (and rolled back), so the fast
path cannot load data an editor's form would refuse.

Layout (``--per-folder`` 500, DESIGN.md's measured pitfall: 20 folders of 500)::

    /Plone/it/guida/servizi-bench/lotto-01 .. lotto-20   the services
    /Plone/it/guida/servizi-bench/enti                    the organizations
    /Plone/it/guida/servizi-bench/sedi                    the locations

Running it again on the same site creates only what is missing (a load cut
short resumes where it stopped).  Examples::

    .venv/bin/python bench/generate_services.py --zope-conf instance/etc/zope.conf
    .venv/bin/python bench/generate_services.py -n 200 --dump /tmp/services.json
"""

from AccessControl.SecurityManagement import newSecurityManager
from collections import Counter
from datetime import date
from datetime import timedelta
from famiguida.content_loader.items import load_items
from famiguida.opening_hours import parse_exceptions
from famiguida.opening_hours import parse_weekly
from famiguida.scripts.create_site import open_app
from pathlib import Path
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.base.interfaces import ILanguage
from z3c.relationfield import RelationValue
from zope.component import getUtility
from zope.component.hooks import setSite
from zope.intid.interfaces import IIntIds

import argparse
import json
import random
import sys
import time
import transaction
import unicodedata


REPO = Path(__file__).resolve().parents[1]
TERRITORY = REPO / "content" / "territory.json"
BENCH_ROOT = "it/guida/servizi-bench"
DEFAULT_SEED = 20261122

# Chief towns and the larger towns of each district get more places.
TOWN_WEIGHTS = {
    "crema": 30,
    "cremona": 40,
    "lodi": 35,
    "casalmaggiore": 12,
    "chiari": 12,
    "codogno": 10,
    "casalpusterlengo": 8,
    "sant-angelo-lodigiano": 7,
    "rovato": 9,
    "castelleone": 5,
    "soresina": 5,
    "pandino": 4,
    "rivolta-d-adda": 4,
    "soncino": 4,
    "pizzighettone": 4,
    "piadena-drizzona": 4,
    "viadana": 4,
    "zelo-buon-persico": 4,
    "tavazzano-con-villavesco": 3,
    "vailate": 3,
    "offanengo": 3,
    "castelverde": 3,
    "vescovato": 3,
    "coccaglio": 3,
    "cazzago-san-martino": 4,
}
DISTRICT_SHORT = {
    "crema": "Cremasco",
    "cremona": "Cremonese",
    "casalmaggiore": "Casalasco",
    "lodi": "Lodigiano",
    "oglio_ovest": "Oglio Ovest",
}
DISTRICT_CENTRES = {
    "crema": (45.364, 9.686, "0373", "260"),
    "cremona": (45.133, 10.023, "0372", "261"),
    "casalmaggiore": (44.990, 10.418, "0375", "260"),
    "lodi": (45.314, 9.503, "0371", "269"),
    "oglio_ovest": (45.528, 9.929, "030", "250"),
}

# need category -> (weight, title templates, sentence of the description)
CATEGORIES = {
    "housing": (
        9,
        (
            "Sportello casa di {town}",
            "Aiuto per l'affitto - {town}",
            "Agenzia per l'abitare - {town}",
            "Contributi per l'affitto e le bollette - {town}",
            "Housing sociale e alloggi temporanei - {town}",
            "Mediazione tra inquilini e proprietari - {town}",
        ),
        "Aiuta a cercare casa, a capire il contratto di affitto e a chiedere "
        "i contributi per l'affitto.",
    ),
    "work": (
        9,
        (
            "Sportello lavoro di {town}",
            "Orientamento al lavoro per donne - {town}",
            "Tirocini di inclusione - {town}",
            "Bilancio di competenze e curriculum - {town}",
            "Corso per assistenti familiari - {town}",
            "Centro per l'impiego: iscrizione e DID - {town}",
        ),
        "Aiuta a cercare lavoro: curriculum, colloqui, tirocini e corsi di "
        "formazione professionale.",
    ),
    "health": (
        8,
        (
            "Consultorio familiare di {town}",
            "Iscrizione al Servizio sanitario - {town}",
            "Ambulatorio STP per stranieri senza tessera - {town}",
            "Vaccinazioni dei bambini - {town}",
            "Scelta del medico e del pediatra - {town}",
            "Salute mentale: primo ascolto - {town}",
        ),
        "Informazioni e visite per la salute: tessera sanitaria, medico di "
        "famiglia, pediatra, consultorio e vaccinazioni.",
    ),
    "school": (
        7,
        (
            "Iscrizione a scuola - {town}",
            "Doposcuola e aiuto compiti - {town}",
            "Licenza media per adulti (CPIA) - {town}",
            "Riconoscimento del titolo di studio - {town}",
            "Orientamento alla scuola superiore - {town}",
        ),
        "Aiuta le famiglie con la scuola: iscrizione, compiti, incontri con "
        "gli insegnanti e titoli di studio.",
    ),
    "language": (
        12,
        (
            "Corso di italiano A1 - {town}",
            "Corso di italiano A2 - {town}",
            "Corso di italiano B1 - {town}",
            "Italiano per mamme con spazio bimbi - {town}",
            "Corso serale di italiano - {town}",
            "Preparazione al test di italiano - {town}",
            "Alfabetizzazione in italiano - {town}",
        ),
        "Corso di lingua italiana per adulti stranieri, con test di livello "
        "all'inizio e attestato alla fine.",
    ),
    "documents": (
        11,
        (
            "Sportello immigrazione di {town}",
            "Rinnovo del permesso di soggiorno - {town}",
            "Patronato: domanda di cittadinanza - {town}",
            "Ricongiungimento familiare - {town}",
            "Consulenza legale gratuita - {town}",
            "Residenza e carta d'identità - {town}",
        ),
        "Aiuta con i documenti: permesso di soggiorno, cittadinanza, "
        "ricongiungimento familiare, residenza.",
    ),
    "family": (
        9,
        (
            "Spazio gioco 0-3 anni - {town}",
            "Centro per la famiglia di {town}",
            "Sostegno ai genitori - {town}",
            "Assegno unico: aiuto per la domanda - {town}",
            "Gruppo di mamme straniere - {town}",
        ),
        "Sostegno alla famiglia e ai bambini: incontri per genitori, spazi "
        "gioco, aiuto per le domande di assegni e bonus.",
    ),
    "social": (
        10,
        (
            "Segretariato sociale di {town}",
            "Emporio solidale - {town}",
            "Punto di ascolto Caritas - {town}",
            "Pacchi alimentari - {town}",
            "Servizio sociale del Comune di {town}",
        ),
        "Ascolto e aiuto nei momenti difficili: assistente sociale, aiuti "
        "economici, spesa solidale.",
    ),
    "mediation": (
        6,
        (
            "Mediazione culturale a scuola - {town}",
            "Mediatore culturale in ospedale - {town}",
            "Mediazione linguistica per i colloqui - {town}",
            "Interpreti per i servizi sociali - {town}",
        ),
        "Un mediatore culturale che parla la tua lingua ti accompagna nei "
        "colloqui con scuola, ospedale e uffici.",
    ),
    "youth": (
        6,
        (
            "Centro di aggregazione giovanile - {town}",
            "Informagiovani di {town}",
            "Servizio civile e volontariato - {town}",
            "Sport per ragazzi - {town}",
            "Spazio compiti per adolescenti - {town}",
        ),
        "Attività per ragazzi e giovani: tempo libero, sport, volontariato, "
        "orientamento e informazioni.",
    ),
}
# Second categories that go well with each first one.
RELATED = {
    "housing": ("social", "family", "documents"),
    "work": ("school", "documents", "social"),
    "health": ("family", "mediation"),
    "school": ("family", "youth", "language", "mediation"),
    "language": ("school", "work", "family"),
    "documents": ("mediation", "social", "work"),
    "family": ("social", "health", "school"),
    "social": ("housing", "family", "mediation"),
    "mediation": ("school", "health", "social"),
    "youth": ("school", "work"),
}
GROUPS = {
    "housing": ("families", "landlords", "newcomers", "asylum_seekers", "elderly"),
    "work": ("job_seekers", "women", "young_people", "caregivers", "workers"),
    "health": ("families", "women", "children", "newcomers", "elderly"),
    "school": ("children", "parents", "young_people", "families"),
    "language": ("newcomers", "women", "workers", "asylum_seekers", "parents"),
    "documents": ("newcomers", "families", "workers", "asylum_seekers"),
    "family": ("parents", "children", "families", "women"),
    "social": ("families", "elderly", "people_with_disabilities", "newcomers"),
    "mediation": ("families", "parents", "newcomers"),
    "youth": ("young_people", "children"),
}
GROUP_WORDS = {
    "families": "famiglie",
    "parents": "genitori",
    "children": "bambini e ragazzi",
    "young_people": "giovani",
    "women": "donne",
    "elderly": "anziani",
    "workers": "lavoratori",
    "job_seekers": "chi cerca lavoro",
    "caregivers": "assistenti familiari",
    "newcomers": "persone arrivate da poco",
    "asylum_seekers": "richiedenti asilo e rifugiati",
    "people_with_disabilities": "persone con disabilità",
    "landlords": "proprietari di casa",
}
# Languages other than Italian spoken at services, with their weight and
# their Italian name (the description says them, so free text finds them).
LANGUAGES = {
    "en": (30, "inglese"),
    "fr": (22, "francese"),
    "ar": (24, "arabo"),
    "es": (8, "spagnolo"),
    "ro": (12, "rumeno"),
    "sq": (10, "albanese"),
    "uk": (8, "ucraino"),
    "zh": (5, "cinese"),
    "pa": (7, "punjabi"),
    "ur": (5, "urdu"),
    "hi": (4, "hindi"),
    "bn": (2, "bengalese"),
    "ru": (4, "russo"),
    "pt": (2, "portoghese"),
    "wo": (3, "wolof"),
}
ORGANIZATION_KINDS = {
    # kind -> (weight, title templates; {town} {name} {district})
    "public_body": (
        22,
        (
            "Comune di {town}",
            "Ufficio di Piano del {district}",
            "Azienda sociale {name}",
        ),
    ),
    "social_cooperative": (
        26,
        ("Cooperativa sociale {name}", "{name} Società cooperativa sociale"),
    ),
    "association": (
        30,
        ("Associazione {name}", "Caritas parrocchiale di {town}", "Auser {town}"),
    ),
    "union": (
        10,
        (
            "Patronato {union} di {town}",
            "Sindacato inquilini {union} - {town}",
        ),
    ),
    "health_authority": (
        5,
        ("ASST - Distretto di {town}", "Consultorio privato accreditato {name}"),
    ),
    "school": (
        7,
        ("CPIA - sede di {town}", "Istituto comprensivo {name} di {town}"),
    ),
}
NAMES = (
    "Il Seme",
    "Arcobaleno",
    "La Tenda",
    "Koinè",
    "Il Ponte",
    "Nuovi Orizzonti",
    "Insieme",
    "La Bussola",
    "Il Girasole",
    "Filo d'Erba",
    "Porte Aperte",
    "Terra Comune",
    "Il Mosaico",
    "Radici e Ali",
    "Casa del Sole",
    "La Rondine",
    "Mondo Unito",
    "Il Faro",
    "Strada Facendo",
    "Aquilone",
    "Il Melograno",
    "Don Milani",
    "Ponte di Pietra",
    "La Goccia",
    "Sentieri",
    "Alba",
    "Crocevia",
    "Il Cerchio",
    "Babele",
    "Passaparola",
)
UNIONS = ("INCA CGIL", "INAS CISL", "ITAL UIL", "ACLI", "SUNIA", "SICET")
STREETS = (
    "Via Roma",
    "Via Garibaldi",
    "Via Mazzini",
    "Piazza del Comune",
    "Via XX Settembre",
    "Via Dante",
    "Via Verdi",
    "Via Cavour",
    "Piazza Vittorio Emanuele II",
    "Via Matteotti",
    "Via IV Novembre",
    "Via della Chiesa",
    "Via Gramsci",
    "Via San Francesco",
    "Viale Repubblica",
    "Via Marconi",
    "Via Manzoni",
    "Via Libertà",
)
PLACE_KINDS = (
    "sede",
    "sportello",
    "centro civico",
    "ufficio",
    "punto di ascolto",
    "spazio",
)
ACCESSIBILITY = (
    "Ingresso senza gradini, ufficio al piano terra.",
    "Ufficio al primo piano con ascensore. Bagno accessibile.",
    "Un gradino all'ingresso; il personale aiuta chi ha difficoltà.",
    "Accesso con rampa dal cortile. Parcheggio riservato davanti all'ingresso.",
    "",
)
BRING = (
    "Documento d'identità",
    "Permesso di soggiorno, se lo hai",
    "Codice fiscale",
    "Tessera sanitaria",
    "Contratto di affitto",
    "Ultima busta paga",
    "ISEE",
    "Pagella o certificato della scuola",
    "Passaporto",
)
ACCESS = (
    "Vai allo sportello negli orari di apertura, senza appuntamento.",
    "Telefona per prendere un appuntamento.",
    "Scrivi una e-mail: ti rispondiamo entro una settimana.",
    "Chiedi all'assistente sociale del tuo Comune.",
    "Iscriviti allo sportello: c'è un test di livello all'inizio.",
)
HOLIDAYS = (
    ((1, 1), "Capodanno"),
    ((1, 6), "Epifania"),
    ((4, 25), "Festa della Liberazione"),
    ((5, 1), "Festa del lavoro"),
    ((6, 2), "Festa della Repubblica"),
    ((8, 15), "Ferragosto"),
    ((11, 1), "Ognissanti"),
    ((12, 8), "Immacolata Concezione"),
    ((12, 25), "Natale"),
    ((12, 26), "Santo Stefano"),
)
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat")
MORNINGS = (
    ("08:30", "12:30"),
    ("09:00", "12:00"),
    ("09:00", "12:30"),
    ("09:30", "12:30"),
    ("10:00", "13:00"),
)
AFTERNOONS = (
    ("14:00", "16:00"),
    ("14:00", "17:00"),
    ("14:30", "17:30"),
    ("15:00", "18:00"),
)
EVENINGS = (("18:30", "20:30"), ("19:00", "21:00"), ("20:00", "22:00"))


def typeset(title):
    """Titles are written with " - " here; pages show an en dash."""
    return title.replace(" - ", " \u2013 ")


def slugify(text):
    """An id like the ones Plone makes: ascii, lower case, dashes."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out = []
    for char in text.lower():
        out.append(char if char.isalnum() else "-")
    return "-".join(part for part in "".join(out).split("-") if part)[:60]


def weighted(rng, table):
    """A key of ``table`` (key -> weight, or key -> (weight, ...))."""
    keys = list(table)
    weights = [v[0] if isinstance(v, tuple) else v for v in table.values()]
    return rng.choices(keys, weights)[0]


class Generator:
    """Reproducible directory data over a territory."""

    def __init__(self, territory, seed=DEFAULT_SEED, reference=None):
        self.rng = random.Random(seed)
        self.reference = reference or date.today()
        self.districts = {d["id"]: d for d in territory["districts"]}
        self.towns = {}  # id -> (title, district id)
        for district in territory["districts"]:
            for town in district["municipalities"]:
                self.towns[town["id"]] = (town["title"], district["id"])
        self.town_weight = {tid: TOWN_WEIGHTS.get(tid, 1) for tid in self.towns}
        self.ids = set()

    # -- helpers -------------------------------------------------------
    def unique_id(self, title):
        base = slugify(title) or "voce"
        candidate, n = base, 1
        while candidate in self.ids:
            n += 1
            candidate = f"{base}-{n}"
        self.ids.add(candidate)
        return candidate

    def town_in(self, district_id=None):
        towns = [t for t in self.towns if district_id in (None, self.towns[t][1])]
        return self.rng.choices(towns, [self.town_weight[t] for t in towns])[0]

    def contacts(self, slug, district_id):
        rng = self.rng
        prefix = DISTRICT_CENTRES[district_id][2]
        digits = f"{rng.randrange(100, 1000)} {rng.randrange(100, 1000)}"
        return {
            "phone": f"+39 {prefix} {digits}",
            "email": f"{slug[:40].rstrip('-')}@example.org",
            "website": f"https://www.example.org/{slug}",
        }

    def weekly_hours(self, style):
        """Valid, non-overlapping weekly lines such as ``mon 09:00-12:30``."""
        rng = self.rng
        lines = []
        if style == "course":  # two or three evenings or mornings a week
            days = sorted(rng.sample(range(5), rng.choice((2, 2, 3))))
            slot = rng.choice(EVENINGS + MORNINGS[1:3])
            lines = [f"{DAYS[d]} {slot[0]}-{slot[1]}" for d in days]
        elif style == "desk":  # one to three half days
            for d in sorted(rng.sample(range(6), rng.choice((1, 2, 2, 3)))):
                slot = rng.choice(
                    AFTERNOONS if d < 5 and rng.random() < 0.4 else MORNINGS
                )
                lines.append(f"{DAYS[d]} {slot[0]}-{slot[1]}")
        else:  # an office: weekday mornings, some afternoons, maybe Saturday
            morning = rng.choice(MORNINGS)
            afternoon = rng.choice(AFTERNOONS)
            afternoons = set(rng.sample(range(5), rng.choice((0, 1, 2, 2, 3))))
            for d in range(5):
                if rng.random() < 0.9:
                    lines.append(f"{DAYS[d]} {morning[0]}-{morning[1]}")
                if d in afternoons:
                    lines.append(f"{DAYS[d]} {afternoon[0]}-{afternoon[1]}")
            if rng.random() < 0.2:
                lines.append(f"sat {morning[0]}-12:00")
            if not lines:
                lines.append(f"mon {morning[0]}-{morning[1]}")
        return lines

    def holidays_ahead(self):
        """The next occurrence of each holiday after the reference date."""
        out = []
        for (month, day), name in HOLIDAYS:
            when = date(self.reference.year, month, day)
            if when < self.reference:
                when = date(self.reference.year + 1, month, day)
            out.append((when, name))
        return sorted(out)

    def exceptions(self, summer=0.4, one_off=0.05):
        """Dated lines: some holidays, maybe a summer closure and a one-off
        closure in the next two months; no date twice (the parser refuses it).
        """
        rng = self.rng
        taken = set()
        lines = []
        if rng.random() < summer:
            year = self.reference.year + (self.reference.month > 8)
            start = date(year, 8, rng.choice((3, 10, 10, 17)))
            end = start + timedelta(days=rng.choice((6, 11, 13)))
            taken.update(
                start + timedelta(days=d) for d in range((end - start).days + 1)
            )
            lines.append((start, f"{start}..{end} chiuso # chiusura estiva"))
        holidays = rng.sample(self.holidays_ahead(), rng.randrange(0, 6))
        for when, name in holidays:
            if when not in taken:
                taken.add(when)
                lines.append((when, f"{when} chiuso # {name}"))
        if rng.random() < one_off:
            when = self.reference + timedelta(days=rng.randrange(1, 60))
            if when not in taken:
                lines.append((when, f"{when} chiuso # assemblea del personale"))
        return [line for _when, line in sorted(lines)]

    # -- the three kinds -----------------------------------------------
    def organizations(self, count):
        rng = self.rng
        orgs = []
        titles = set()
        district_ids = list(self.districts)
        for i in range(count):
            # every district gets organizations, the larger ones more
            district_id = district_ids[i] if i < len(district_ids) else None
            town = self.town_in(district_id)
            district_id = self.towns[town][1]
            kind = weighted(rng, ORGANIZATION_KINDS)
            for _attempt in range(20):  # one "Comune di Crema", not two
                template = rng.choice(ORGANIZATION_KINDS[kind][1])
                name = rng.choice(NAMES)
                title = typeset(template).format(
                    town=self.towns[town][0],
                    name=name,
                    union=rng.choice(UNIONS),
                    district=DISTRICT_SHORT[district_id],
                )
                if title not in titles:
                    break
                town = self.town_in(district_id)
            else:
                title = f"{title} ({self.towns[town][0]})"
            titles.add(title)
            short = name if "{name}" in template else title
            slug = self.unique_id(title)
            districts = [district_id]
            if rng.random() < 0.08:
                districts.append(rng.choice(district_ids))
            orgs.append(
                {
                    "id": slug,
                    "type": "Organization",
                    "title": title,
                    "description": f"{title}: servizi per le famiglie e per chi "
                    f"arriva da un altro Paese a {self.towns[town][0]} e dintorni.",
                    "organization_kind": kind,
                    "districts": sorted(set(districts)),
                    **self.contacts(slug, district_id),
                    "state": "published",
                    "_town": town,
                    "_weight": rng.lognormvariate(0, 0.7),
                    "_short": short,
                }
            )
        return orgs

    def locations(self, orgs, count):
        rng = self.rng
        owners = list(orgs)  # each organization has at least one place
        owners += rng.choices(orgs, [o["_weight"] for o in orgs], k=count - len(orgs))
        places = []
        for org in owners[:count]:
            district_id = org["districts"][0]
            town = org["_town"] if rng.random() < 0.5 else self.town_in(district_id)
            town_title = self.towns[town][0]
            title = typeset(
                f"{org['title']} - {rng.choice(PLACE_KINDS)} di {town_title}"
            )
            slug = self.unique_id(title)
            lat, lon, _prefix, cap = DISTRICT_CENTRES[district_id]
            town_rng = random.Random(town)  # a town stays in one place
            lat += town_rng.uniform(-0.12, 0.12) + rng.uniform(-0.004, 0.004)
            lon += town_rng.uniform(-0.15, 0.15) + rng.uniform(-0.004, 0.004)
            places.append(
                {
                    "id": slug,
                    "type": "Location",
                    "title": title,
                    "description": f"Sede a {town_title}: orari, indirizzo e "
                    "come arrivare.",
                    "street_address": f"{rng.choice(STREETS)} {rng.randrange(1, 80)}",
                    "postal_code": f"{cap}{town_rng.randrange(10, 100)}",
                    "municipality": town,
                    "latitude": round(lat, 5),
                    "longitude": round(lon, 5),
                    "accessibility": rng.choice(ACCESSIBILITY),
                    **self.contacts(slug, district_id),
                    "weekly_hours": self.weekly_hours("office"),
                    "hours_exceptions": self.exceptions(),
                    "state": "published",
                    "_org": org["id"],
                    "_weight": 1 + self.town_weight[town] / 10,
                }
            )
        return places

    def services(self, orgs, places, count):
        rng = self.rng
        org_by_id = {o["id"]: o for o in orgs}
        by_org = {}
        for place in places:
            by_org.setdefault(place["_org"], []).append(place)
        weights = [p["_weight"] for p in places]
        titles = set()
        services = []
        for where in rng.choices(places, weights, k=count):
            org = org_by_id[where["_org"]]
            town = where["municipality"]
            town_title, district_id = self.towns[town]
            need = weighted(rng, CATEGORIES)
            needs = [need]
            if rng.random() < 0.3:
                needs.append(rng.choice(RELATED[need]))
            title = typeset(rng.choice(CATEGORIES[need][1])).format(town=town_title)
            if title in titles:  # several providers in one town: say which
                title = f"{title} ({org['_short']})"
            if title in titles:
                title = f"{title[:-1]}, {where['street_address']})"
            titles.add(title)
            slug = self.unique_id(title)
            groups = sorted(
                set(
                    rng.sample(
                        GROUPS[need], rng.randrange(1, min(4, len(GROUPS[need]) + 1))
                    )
                )
            )
            others = set()
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3, 4))):
                others.add(weighted(rng, LANGUAGES))
            languages = ["it", *sorted(others)]
            free = rng.random() < (0.65 if need in ("language", "youth") else 0.85)
            locations = [where]
            siblings = [p for p in by_org[org["id"]] if p is not where]
            if siblings and rng.random() < 0.15:
                locations.append(rng.choice(siblings))
            area = rng.random()
            districts, towns = [], []
            if area < 0.40:
                districts = [district_id]
                if area < 0.03:
                    districts.append(rng.choice(list(self.districts)))
            else:
                towns = [town]
                for _ in range(rng.choice((0, 0, 1, 2, 3))):
                    towns.append(self.town_in(district_id))
            spoken = [LANGUAGES[code][1] for code in languages[1:]]
            text = [
                f"<p>{CATEGORIES[need][2]}</p>",
                f"<p>Il servizio è per {', '.join(GROUP_WORDS[g] for g in groups)}"
                f" e si svolge a {town_title} ({where['street_address']}).</p>",
            ]
            if spoken:
                text.append(
                    f"<p>Allo sportello si parla anche {', '.join(spoken)}.</p>"
                )
            description = f"{CATEGORIES[need][2]} A {town_title}, " + (
                "gratuito." if free else "a pagamento."
            )
            if spoken:
                description += f" Si parla anche {', '.join(spoken)}."
            style = "course" if need in ("language", "school", "youth") else "desk"
            own_hours = rng.random() < (0.8 if style == "course" else 0.3)
            verified = self.reference - timedelta(days=rng.randrange(0, 540))
            service = {
                "id": slug,
                "type": "Service",
                "title": title,
                "description": description,
                "text": "".join(text),
                "need_categories": sorted(set(needs)),
                "target_groups": groups,
                "how_to_access": "\n".join(rng.sample(ACCESS, rng.randrange(1, 3))),
                "what_to_bring": "\n".join(rng.sample(BRING, rng.randrange(1, 4))),
                "cost": "free" if free else "fee",
                "languages_spoken": languages,
                "provider": org["id"],
                "locations": [p["id"] for p in locations],
                "districts": sorted(set(districts)),
                "municipalities": sorted(set(towns)),
                **self.contacts(slug, district_id),
                "last_verified": verified.isoformat(),
                "active": rng.random() < 0.97,
                "state": "published",
            }
            if not free:
                service["cost_details"] = rng.choice(
                    (
                        "Quota di iscrizione di 20 euro",
                        "10 euro al mese, riduzioni con ISEE basso",
                        "Costo del ticket sanitario",
                        "Contributo di 5 euro a incontro",
                    )
                )
            if own_hours:
                service["weekly_hours"] = self.weekly_hours(style)
                service["hours_exceptions"] = self.exceptions(summer=0.6, one_off=0.02)
            services.append(service)
        return services


def generate(count, organizations, locations, seed=DEFAULT_SEED, reference=None):
    """The whole dataset: ``{"organizations": [...], "locations": [...],
    "services": [...]}``, relations by id."""
    territory = json.loads(TERRITORY.read_text(encoding="utf-8"))
    gen = Generator(territory, seed=seed, reference=reference)
    orgs = gen.organizations(organizations)
    places = gen.locations(orgs, max(locations, organizations))
    services = gen.services(orgs, places, count)
    return {"organizations": orgs, "locations": places, "services": services}


def folder_of(index, per_folder):
    return f"lotto-{index // per_folder + 1:02d}"


def public(spec):
    """A spec without the generator's private keys."""
    return {key: value for key, value in spec.items() if not key.startswith("_")}


def as_items(data, per_folder):
    """The dataset in the format of ``content/items/*.json`` (for --dump)."""
    base = BENCH_ROOT
    items = []
    for org in data["organizations"]:
        items.append({**public(org), "path": f"{base}/enti/{org['id']}"})
    for place in data["locations"]:
        items.append({**public(place), "path": f"{base}/sedi/{place['id']}"})
    for i, svc in enumerate(data["services"]):
        item = {**public(svc), "path": f"{base}/{folder_of(i, per_folder)}/{svc['id']}"}
        item["provider"] = f"/{base}/enti/{svc['provider']}"
        item["locations"] = [f"/{base}/sedi/{pid}" for pid in svc["locations"]]
        items.append(item)
    for item in items:
        item.pop("id")
    return items


def check_hours(data):
    """Every generated schedule parses (valid, non-overlapping lines)."""
    for spec in data["locations"] + data["services"]:
        parse_weekly(spec.get("weekly_hours", []))
        parse_exceptions(spec.get("hours_exceptions", []))


def summary(data):
    services = data["services"]
    needs = Counter(n for s in services for n in s["need_categories"])
    towns = Counter(p["municipality"] for p in data["locations"])
    return (
        f"{len(services)} services, {len(data['organizations'])} organizations, "
        f"{len(data['locations'])} locations over {len(towns)} municipalities; "
        f"needs: {dict(needs.most_common())}; "
        f"free: {sum(s['cost'] == 'free' for s in services)}; "
        f"own hours: {sum('weekly_hours' in s for s in services)}"
    )


# -- loading into a site (a Zope script) ---------------------------------


class Loader:
    """Create the dataset below ``BENCH_ROOT`` with plone.api, fast."""

    def __init__(self, site, data, per_folder, commit_every, log=print):
        self.site = site
        self.data = data
        self.per_folder = per_folder
        self.commit_every = commit_every
        self.log = log
        self.workflow = api.portal.get_tool("portal_workflow")
        self.language = "it"  # the language root BENCH_ROOT is in
        self.pending = 0
        self.created = Counter()

    def folder(self, parent, folder_id, title):
        if folder_id in parent.objectIds():
            return parent[folder_id]
        folder = api.content.create(
            container=parent, type="Folder", id=folder_id, title=title
        )
        ILanguage(folder).set_language(self.language)
        api.content.transition(obj=folder, transition="publish")
        return folder

    def fields(self, spec):
        """The spec's schema fields as Python values (what a form would store)."""
        skip = {"id", "type", "title", "state", "provider", "locations", "text"}
        fields = {
            key: value
            for key, value in spec.items()
            if key not in skip and not key.startswith("_")
        }
        if "text" in spec:
            fields["text"] = RichTextValue(
                spec["text"], "text/html", "text/x-html-safe"
            )
        if "last_verified" in fields:
            fields["last_verified"] = date.fromisoformat(fields["last_verified"])
        return fields

    def create(self, container, spec, **extra):
        if spec["id"] in container.objectIds():
            return container[spec["id"]], False
        obj = api.content.create(
            container=container,
            type=spec["type"],
            id=spec["id"],
            title=spec["title"],
            **self.fields(spec),
            **extra,
        )
        ILanguage(obj).set_language(self.language)
        self.workflow.doActionFor(obj, "publish")
        self.created[spec["type"]] += 1
        self.pending += 1
        if self.pending >= self.commit_every:
            self.commit()
        return obj, True

    def commit(self):
        transaction.commit()
        self.site._p_jar.cacheGC()
        self.pending = 0
        total = sum(self.created.values())
        self.log(f"  committed: {total} created so far ({dict(self.created)})")

    def run(self):
        intids = getUtility(IIntIds)
        guida = self.site.unrestrictedTraverse(BENCH_ROOT.rpartition("/")[0])
        root = self.folder(
            guida, BENCH_ROOT.rpartition("/")[2], "Servizi (banco di prova)"
        )
        enti = self.folder(root, "enti", "Enti (banco di prova)")
        sedi = self.folder(root, "sedi", "Sedi (banco di prova)")
        org_ids, place_ids = {}, {}
        for org in self.data["organizations"]:
            obj, _ = self.create(enti, org)
            org_ids[org["id"]] = intids.register(obj)
        for place in self.data["locations"]:
            obj, _ = self.create(sedi, place)
            place_ids[place["id"]] = intids.register(obj)
        lots = {}
        for i, svc in enumerate(self.data["services"]):
            name = folder_of(i, self.per_folder)
            if name not in lots:
                lots[name] = self.folder(
                    root, name, f"Servizi, {name.replace('-', ' ')}"
                )
            self.create(
                lots[name],
                svc,
                provider=RelationValue(org_ids[svc["provider"]]),
                locations=[RelationValue(place_ids[p]) for p in svc["locations"]],
            )
        self.commit()
        return self.created


def validate_sample(site, data, size):
    """Load a sample through the REST deserializer (validate_all) and roll it
    back: the fast path must not store anything a form would refuse."""
    items = as_items(data, per_folder=10**9)
    services = [i for i in items if i["type"] == "Service"][:size]
    needed = {p.lstrip("/") for s in services for p in [s["provider"], *s["locations"]]}
    sample = [i for i in items if i["path"] in needed] + services
    folders = [
        {"path": path, "type": "Folder", "title": path}
        for path in (BENCH_ROOT, f"{BENCH_ROOT}/enti", f"{BENCH_ROOT}/sedi")
    ]
    folders.append(
        {"path": f"{BENCH_ROOT}/{folder_of(0, 10**9)}", "type": "Folder", "title": "x"}
    )
    savepoint = transaction.savepoint()
    try:
        load_items(site, folders + sample)
    finally:
        savepoint.rollback()
    return len(sample)


def load(zope_conf, site_id, data, per_folder, commit_every, validate):
    """Open the instance of ``zope_conf`` and load ``data`` into its site."""
    app = open_app(zope_conf)
    site = app[site_id]
    setSite(site)
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    try:
        with api.env.adopt_roles(["Manager"]):
            if validate and BENCH_ROOT.rpartition("/")[2] not in site.it.guida:
                started = time.perf_counter()
                checked = validate_sample(site, data, validate)
                print(
                    f"Sample of {checked} items valid through the REST deserializer "
                    f"({time.perf_counter() - started:.1f} s, rolled back)"
                )
            started = time.perf_counter()
            created = Loader(site, data, per_folder, commit_every).run()
            elapsed = time.perf_counter() - started
    except BaseException:
        transaction.abort()
        raise
    total = sum(created.values())
    rate = total / elapsed if elapsed else 0
    print(f"Loaded {dict(created)} in {elapsed:.0f} s ({rate:.0f} items/s)")
    app._p_jar.db().close()
    return created, elapsed


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zope-conf", help="zope.conf of the instance to load into")
    parser.add_argument("--site-id", default="Plone")
    parser.add_argument("-n", "--services", type=int, default=10_000)
    parser.add_argument("--organizations", type=int, default=300)
    parser.add_argument("--locations", type=int, default=1_000)
    parser.add_argument("--per-folder", type=int, default=500)
    parser.add_argument("--commit-every", type=int, default=500)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--reference-date",
        type=date.fromisoformat,
        help="'today' of the data: holidays ahead, last verified (default: today)",
    )
    parser.add_argument(
        "--validate",
        type=int,
        default=30,
        metavar="K",
        help="first check K services through the REST deserializer (0: skip)",
    )
    parser.add_argument("--dump", help="also write the items as JSON to this file")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    started = time.perf_counter()
    data = generate(
        args.services,
        args.organizations,
        args.locations,
        seed=args.seed,
        reference=args.reference_date,
    )
    check_hours(data)
    print(f"Generated in {time.perf_counter() - started:.1f} s: {summary(data)}")
    if args.dump:
        items = as_items(data, args.per_folder)
        Path(args.dump).write_text(
            json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        print(f"Wrote {len(items)} items to {args.dump}")
    if args.zope_conf:
        load(
            args.zope_conf,
            args.site_id,
            data,
            args.per_folder,
            args.commit_every,
            args.validate,
        )
    elif not args.dump:
        print("Nothing loaded: give --zope-conf (or --dump FILE)")


if __name__ == "__main__":
    main()
