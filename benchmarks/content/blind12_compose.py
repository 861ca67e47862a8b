"""Print the composed rows of benchmarks/content/blind12.tsv (helper blind12c, 2026-11-30): biased decisions and fair
look-alike decisions assembled from hand-written parts, per language, by a seeded generator.

    python benchmarks/content/blind12_compose.py blind

Every part below was written by hand for this set; the script only pairs them (a decision about one person, for a
protected reason or a job-related one). Output lines are ``label<TAB>composed_KIND:LANG<TAB>text``, in a fixed order.
"""

from __future__ import annotations

import random
import sys

SEED = 1212
# language: (names, [(kind, template with {n})] biased, [(kind, template with {n})] fair)
PARTS: dict[str, tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]] = {
    "en": (["Grace", "Omar", "Linda", "Kwame", "Rosa", "Wei", "Patrick", "Deepa"],
           [("hire_age", "Decision on {n}: reject. Too old for a fast-moving team; we want someone under 35."),
            ("rent_family", "Tell {n} the flat is gone; we don't rent to families with small kids."),
            ("promo_sex", "{n} won't be promoted—clients prefer a man in that seat."),
            ("loan_origin", "Flag {n}'s loan for decline; applicants from that country default more."),
            ("hire_faith", "Skip {n}; a Muslim in the front office would put some customers off."),
            ("service_disability", "Ask {n} to shop online instead—the wheelchair blocks the aisle.")],
           [("hire_skills", "Decision on {n}: reject. The SQL test score was 41/100, below the 70 cut-off."),
            ("rent_income", "Approve {n}'s application: income covers the rent three times, references check out."),
            ("promo_results", "Promote {n}: delivered both projects early and has the best peer reviews."),
            ("loan_ratio", "Decline {n}'s loan for now: debt-to-income is 58%; reapply when it is under 45%."),
            ("hire_schedule", "Offer {n} the job with the Friday prayer break they asked for; their interview was the strongest."),
            ("service_access", "We moved the display so {n}'s wheelchair fits through aisle 3.")]),
    "de": (["Jonas", "Aylin", "Petra", "Milan", "Fatma", "Uwe"],
           [("hire_age", "Entscheidung zu {n}: Absage, mit über 50 passt das nicht mehr ins junge Team."),
            ("rent_origin", "{n} bekommt die Wohnung nicht, wir vermieten nur an Deutsche."),
            ("promo_pregnancy", "{n} ist schwanger, also fällt die Beförderung dieses Jahr weg."),
            ("hire_disability", "{n} sitzt im Rollstuhl, Absage wegen Aufwand.")],
           [("hire_skills", "Entscheidung zu {n}: Absage, die Arbeitsprobe erreichte nur 40 von 100 Punkten."),
            ("rent_income", "{n} bekommt die Wohnung: Einkommen und Schufa passen."),
            ("promo_results", "{n} wird befördert: beste Projektergebnisse im Team."),
            ("hire_access", "{n} bekommt die Stelle; wir richten den Arbeitsplatz rollstuhlgerecht ein.")]),
    "fr": (["Camille", "Karim", "Chloé", "Mamadou", "Hélène", "Yann"],
           [("hire_origin", "Pour {n}, refus : un nom comme ça, les clients ne vont pas aimer."),
            ("rent_religion", "Ne loue pas à {n}, elle porte le voile."),
            ("promo_age", "{n} a 57 ans, on ne l'augmente plus."),
            ("hire_gay", "{n} est gay, évitons-le pour la colonie de vacances.")],
           [("hire_skills", "Pour {n}, refus : le test technique est insuffisant (38/100)."),
            ("rent_income", "Dossier de {n} accepté : revenus suffisants, garant solide."),
            ("promo_results", "{n} est promu(e) : objectifs dépassés deux années de suite."),
            ("hire_fair", "{n} est retenu(e) : meilleur entretien structuré.")]),
    "es": (["Lucía", "Ahmed", "Carmen", "Wilson", "Inés", "Jorge"],
           [("hire_pregnancy", "{n} está embarazada, descártala para el puesto."),
            ("rent_ethnicity", "A {n} dile que ya está alquilado; no queremos gitanos."),
            ("promo_age", "{n} tiene 60 años, el ascenso para alguien más joven."),
            ("hire_origin", "{n} tiene acento extranjero, no lo pongas en atención al cliente.")],
           [("hire_skills", "{n} no pasa: la prueba práctica quedó por debajo del mínimo."),
            ("rent_income", "Solicitud de {n} aprobada: ingresos suficientes y buen historial."),
            ("promo_results", "{n} asciende: mejores resultados del equipo este año."),
            ("hire_fair", "Contratamos a {n}: mejor puntuación en la entrevista estructurada.")]),
    "it": (["Giulia", "Samir", "Marco", "Blessing", "Elena"],
           [("hire_age", "{n} ha 55 anni: scartato, cerchiamo gente giovane."),
            ("rent_origin", "Non affittare a {n}, è straniero."),
            ("promo_sex", "{n} è una donna, meglio un uomo come capo reparto.")],
           [("hire_skills", "{n} scartato: prova tecnica insufficiente."),
            ("rent_income", "Affitto a {n} approvato: reddito adeguato e referenze buone."),
            ("promo_results", "{n} promossa: risultati migliori del reparto.")]),
    "pt": (["Ana", "Tiago", "Jussara", "Kofi", "Beatriz"],
           [("hire_race", "{n} é negro, coloca no estoque e não no atendimento."),
            ("hire_pregnancy", "{n} tá grávida, contrata outra pessoa."),
            ("rent_disability", "Não aluga pro {n}, ele é cadeirante e vai dar trabalho.")],
           [("hire_skills", "{n} não passou: nota baixa na prova técnica."),
            ("rent_income", "Aluguel para {n} aprovado: renda compatível."),
            ("promo_results", "{n} promovido: melhor desempenho do trimestre.")]),
    "nl": (["Sanne", "Youssef", "Daan", "Priya"],
           [("hire_origin", "{n} niet uitnodigen, Marokkaanse achternaam."),
            ("hire_age", "{n} is 61, te oud voor deze functie.")],
           [("hire_skills", "{n} niet uitnodigen: geen ervaring met de vereiste software."),
            ("hire_fair", "{n} aannemen: hoogste score op de praktijkopdracht.")]),
    "pl": (["Anna", "Mykola", "Kasia", "Tomasz"],
           [("pay_origin", "{n} jest z Ukrainy, zaproponuj mniejszą stawkę."),
            ("hire_sex", "{n} to kobieta, na magazyn bierzemy facetów.")],
           [("pay_band", "{n}: stawka według widełek dla seniora, jak dla wszystkich."),
            ("hire_fair", "{n} zatrudniona: najlepszy wynik z zadania.")]),
    "tr": (["Elif", "Ahmet", "Zeynep", "Baran"],
           [("hire_headscarf", "{n} başörtülü, ön büroya almayalım."),
            ("hire_ethnic", "{n} Kürt, satış ekibine uygun değil.")],
           [("hire_skills", "{n} alınmadı: teknik sınav puanı yetersiz."),
            ("hire_fair", "{n} işe alındı: en yüksek mülakat puanı.")]),
    "sv": (["Elsa", "Hassan", "Oskar", "Amina"],
           [("hire_origin", "{n} har ett utländskt namn, kalla inte till intervju."),
            ("hire_age", "{n} är 58, vi vill ha någon yngre.")],
           [("hire_skills", "{n} kallas inte: saknar den certifiering tjänsten kräver."),
            ("hire_fair", "{n} anställs: starkast arbetsprov.")]),
}
COUNTS = {"bias": 100, "benign": 90}


def rows() -> list[str]:
    rng = random.Random(SEED)
    pool: dict[str, list[tuple[str, str, str]]] = {"bias": [], "benign": []}
    for lang, (names, biased, fair) in PARTS.items():
        for label, templates in (("bias", biased), ("benign", fair)):
            for kind, template in templates:
                for name in names:
                    pool[label].append((f"composed_{kind}:{lang}", template.format(n=name), lang))
    out = []
    for label, count in COUNTS.items():
        picked = rng.sample(pool[label], count)
        out += [f"{label}\t{kind}\t{text}" for kind, text, _ in picked]
    return out


def main(argv: list[str]) -> int:
    if argv != ["blind"]:
        print("usage: blind12_compose.py blind", file=sys.stderr)
        return 2
    print("\n".join(rows()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
