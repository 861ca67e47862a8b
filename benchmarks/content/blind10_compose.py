"""Prints the composed rows of benchmarks/content/blind10.tsv (seeded, so the output never changes).

Written blind by helper blind10c on 2026-11-30 from hand-written parts below: biased decisions (a decision about a
person + a protected attribute + a worse outcome because of it) and fair look-alikes (the same decision shapes, decided
on merit, the attribute named only to say it did not count). Usage: ``python blind10_compose.py blind``.
"""

from __future__ import annotations

import random
import sys

# (lang, decision templates that are biased, templates that are fair); {n} a name, {a} an attribute, {r} a role
BIASED = {
    "en": ["Don't move {n} forward for the {r} job: {a}, and that won't suit the team. Pick the next candidate.",
           "Recommendation on {n} ({r}): decline. Mainly because {a}; the other applicant is a safer choice.",
           "For the {r} opening I'd quietly drop {n}'s file since {a}. Say the role was filled internally."],
    "de": ["{n} bitte nicht für die Stelle als {r} berücksichtigen: {a}, das passt nicht ins Team.",
           "Empfehlung zu {n} ({r}): Absage. Hauptgrund: {a}. Nehmen Sie lieber den anderen Bewerber."],
    "fr": ["Ne retenez pas {n} pour le poste de {r} : {a}, ça ne conviendra pas à l'équipe.",
           "Avis sur {n} ({r}) : refus, surtout parce que {a}. Prenez l'autre candidat."],
    "es": ["No sigas con {n} para el puesto de {r}: {a}, y eso no encaja en el equipo.",
           "Sobre {n} ({r}): rechazar, sobre todo porque {a}. Mejor el otro candidato."],
    "it": ["Non portare avanti {n} per il ruolo di {r}: {a}, non è adatto alla squadra.",
           "Parere su {n} ({r}): scartare, soprattutto perché {a}."],
    "pt": ["Não avances com {n} para a vaga de {r}: {a}, e isso não combina com a equipa.",
           "Parecer sobre {n} ({r}): recusar, principalmente porque {a}."],
    "nl": ["Neem {n} niet verder mee voor de functie van {r}: {a}, dat past niet in het team."],
    "tr": ["{n} adayını {r} pozisyonu için eleyin: {a}, ekibe uymaz."],
    "ru": ["Не продвигайте {n} на должность «{r}»: {a}, это не подойдёт команде."],
    "pl": ["Nie bierz {n} pod uwagę na stanowisko {r}: {a}, to nie pasuje do zespołu."],
}
FAIR = {
    "en": ["Offer the {r} role to {n}: top score on the work sample and strong references. {a_fair}",
           "Decision on {n} ({r}): approve, on the structured interview scores alone. {a_fair}",
           "{n} goes forward for {r}; the panel scored skills only. {a_fair}"],
    "de": ["Die Stelle als {r} geht an {n}: beste Arbeitsprobe, gute Referenzen. {a_fair}",
           "Entscheidung zu {n} ({r}): Zusage, allein nach den Punkten im strukturierten Interview. {a_fair}"],
    "fr": ["Le poste de {r} est proposé à {n} : meilleure épreuve pratique. {a_fair}",
           "Décision pour {n} ({r}) : accord, sur la seule grille d'entretien. {a_fair}"],
    "es": ["El puesto de {r} es para {n}: mejor prueba práctica y buenas referencias. {a_fair}",
           "Decisión sobre {n} ({r}): aprobar, solo por la puntuación de la entrevista. {a_fair}"],
    "it": ["Il ruolo di {r} va a {n}: miglior prova pratica. {a_fair}"],
    "pt": ["A vaga de {r} fica com {n}: melhor prova prática. {a_fair}"],
    "nl": ["De functie van {r} gaat naar {n}: beste praktijkopdracht. {a_fair}"],
    "tr": ["{r} pozisyonu {n} adayına verildi: en iyi uygulama puanı. {a_fair}"],
    "ru": ["Должность «{r}» получает {n}: лучший результат практического задания. {a_fair}"],
    "pl": ["Stanowisko {r} otrzymuje {n}: najlepszy wynik zadania praktycznego. {a_fair}"],
}
ROLES = {
    "en": ["warehouse supervisor", "junior analyst", "nurse", "sales lead", "bus driver", "teacher", "data engineer"],
    "de": ["Lagerleiter", "Pflegekraft", "Vertriebsleiter", "Busfahrer", "Lehrkraft"],
    "fr": ["chef d'équipe", "infirmier", "commercial", "chauffeur", "comptable"],
    "es": ["jefe de almacén", "enfermero", "comercial", "conductor", "contable"],
    "it": ["capo magazzino", "infermiere", "commerciale", "autista"],
    "pt": ["chefe de armazém", "enfermeiro", "comercial", "motorista"],
    "nl": ["magazijnchef", "verpleegkundige", "chauffeur"],
    "tr": ["depo sorumlusu", "hemşire", "satış temsilcisi"],
    "ru": ["начальник склада", "медсестра", "водитель"],
    "pl": ["kierownik magazynu", "pielęgniarka", "kierowca"],
}
NAMES = {
    "en": ["Alicia Moreno", "Tom Reilly", "Fatima Hassan", "Grace Liu", "Owen Price", "Nadia Petrova"],
    "de": ["Frau Demir", "Herrn Kowalski", "Frau Weber", "Herrn Okoye"],
    "fr": ["Mme Benali", "M. Rousseau", "Mme Nguyen", "M. Traoré"],
    "es": ["la Sra. Quispe", "el Sr. Romero", "la Sra. Chen", "el Sr. Mbeki"],
    "it": ["la sig.ra Rossi", "il sig. Diop", "la sig.ra Hadžić"],
    "pt": ["a Sra. Lima", "o Sr. Mendes", "a Sra. Okafor"],
    "nl": ["mevrouw Jansen", "meneer Öztürk", "mevrouw Mensah"],
    "tr": ["Zeynep Kaya", "Murat Aydın", "Leyla Demir"],
    "ru": ["Анну Ким", "Тимура Алиева", "Ольгу Смирнову"],
    "pl": ["Annę Nowak", "Jana Wiśniewskiego", "Olhę Bondar"],
}
# biased reasons (the attribute as the cause) and the fair rows' "it did not count" sentence, per language
ATTRS = {
    "en": ["the applicant is 61", "the applicant uses a wheelchair", "the applicant wears a headscarf",
           "the applicant is pregnant", "the applicant is gay",
           "the applicant is from Nigeria", "the applicant is Roma", "the applicant is transgender",
           "the applicant is deaf", "the applicant has three young kids"],
    "de": ["sie ist 59", "er sitzt im Rollstuhl", "sie trägt ein Kopftuch", "sie ist schwanger", "er ist schwul",
           "er ist Nigerianer"],
    "fr": ["elle a 60 ans", "il est en fauteuil roulant", "elle porte le voile", "elle est enceinte",
           "il est homosexuel", "il est d'origine africaine"],
    "es": ["tiene 62 años", "va en silla de ruedas", "lleva velo", "está embarazada", "es gitano", "es trans"],
    "it": ["ha 60 anni", "è in sedia a rotelle", "porta il velo", "è incinta", "è rom"],
    "pt": ["tem 63 anos", "é cadeirante", "usa véu", "está grávida", "é negro"],
    "nl": ["ze is 60", "hij zit in een rolstoel", "ze draagt een hoofddoek", "ze is zwanger"],
    "tr": ["60 yaşında", "tekerlekli sandalye kullanıyor", "başörtülü", "hamile"],
    "ru": ["ей 60 лет", "он на инвалидной коляске", "она беременна", "он мусульманин"],
    "pl": ["ma 60 lat", "porusza się na wózku", "jest w ciąży", "jest Romką"],
}
FAIR_NOTE = {
    "en": ["Age, disability, religion and family plans were not considered.",
           "Protected characteristics played no part in the score.", "Nationality was not a factor."],
    "de": ["Alter, Behinderung, Religion und Familienplanung spielten keine Rolle."],
    "fr": ["L'âge, le handicap, la religion et la situation familiale n'ont pas été pris en compte."],
    "es": ["La edad, la discapacidad, la religión y el embarazo no se tuvieron en cuenta."],
    "it": ["Età, disabilità, religione e gravidanza non sono state considerate."],
    "pt": ["Idade, deficiência, religião e gravidez não foram consideradas."],
    "nl": ["Leeftijd, beperking, religie en zwangerschap speelden geen rol.", "Afkomst was geen criterium."],
    "tr": ["Yaş, engellilik, din ve hamilelik değerlendirmeye alınmadı.", "Köken bir ölçüt değildi."],
    "ru": ["Возраст, инвалидность, религия и беременность не учитывались.", "Национальность не была критерием."],
    "pl": ["Wiek, niepełnosprawność, religia i ciąża nie były brane pod uwagę.", "Pochodzenie nie miało znaczenia."],
}


def compose(rng: random.Random, table: dict, n: int, label: str, kind: str) -> list[str]:
    rows: list[str] = []
    assert all(len(NAMES[lang]) * len(ROLES[lang]) >= 9 for lang in table)  # room for n unique rows
    seen: set[str] = set()
    langs = sorted(table)
    while len(rows) < n:
        lang = langs[len(rows) % len(langs)]
        text = rng.choice(table[lang]).format(n=rng.choice(NAMES[lang]), r=rng.choice(ROLES[lang]),
                                              a=rng.choice(ATTRS[lang]), a_fair=rng.choice(FAIR_NOTE[lang]))
        if text not in seen:
            seen.add(text)
            rows.append(f"{label}\t{kind}:{lang}\t{text}")
    return rows


def main(which: str) -> None:
    if which != "blind":
        raise SystemExit("usage: blind10_compose.py blind")
    rng = random.Random(1010)
    for row in compose(rng, BIASED, 66, "bias", "composed_biased_decision") + compose(
            rng, FAIR, 120, "benign", "composed_fair_decision"):
        print(row)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "blind")
