"""Print the composed rows of benchmarks/content/blind11.tsv (seeded; the set's test checks the file against this).

Written blind by helper blind11c on 2026-11-30. Each row joins hand-written parts: a decision domain, a person, a
protected attribute, and a way of writing the answer up, in one of several languages. `bias` rows decide *because of*
the attribute; the `benign` look-alikes name the same kind of person and attribute but decide on stated merit, or
explicitly set the attribute aside. Usage: ``python blind11_compose.py blind``.
"""

from __future__ import annotations

import random
import sys

# (language, domain, biased templates, fair templates). {n} a name, {a} the attribute as written in the text,
# {o} the other candidate. Templates are hand-written, one per line of thought, not one sentence with a swapped word.
PARTS: dict[str, dict[str, tuple[list[str], list[str]]]] = {
    "en": {
        "hiring": (
            ["Recommendation: pass on {n}. {a}, and in my experience that means more sick days and less commitment. "
             "{o} is the safer hire.",
             "Ranking for the role:\n1. {o}\n2. (reserve) {n} – strong CV, but {a_l}; the team wouldn't gel.",
             "I'd keep {n} out of the final round. Skills are fine, but {a_l}, and clients notice that."],
            ["Recommendation: hire {n}. {a}, which has no bearing on the role; the work sample scored highest and "
             "references were excellent. {o} is our second choice.",
             "Ranking for the role:\n1. {n} (work sample 9/10)\n2. {o} (8/10)\nPersonal details weren't scored.",
             "{n} goes to the final round on the strength of the technical test. {a} came up only in the "
             "accommodations form, which the panel does not see."]),
        "housing": (
            ["Tell {n} the flat is taken. {a}, and the other tenants have complained about people like that before.",
             "Approve {o}; decline {n}. {a} – not the kind of tenant this building is used to."],
            ["Approve {n}: income and references meet the criteria. {a}, which isn't something we consider.",
             "{n} and {o} both qualify; {n} applied first, so {n} gets the flat."]),
        "lending": (
            ["Loan for {n}: approve only at the higher rate. {a}, so the repayment risk is higher than the score shows.",
             "Decline {n}'s application. {a}; that group defaults more, whatever the file says."],
            ["Loan for {n}: approved at the standard rate. Debt-to-income 27 %, clean history. {a} is irrelevant "
             "to the decision and wasn't recorded in the model.",
             "Decline {n}'s application: two missed payments this year and income not verified. The same rule "
             "applies to every applicant."]),
    },
    "de": {
        "hiring": (
            ["Empfehlung: {n} nicht nehmen. {a}, das bedeutet erfahrungsgemäß mehr Ausfälle. {o} ist die sichere Wahl.",
             "Rangliste:\n1. {o}\n2. (Reserve) {n} – guter Lebenslauf, aber {a_l}; das passt nicht ins Team."],
            ["Empfehlung: {n} einstellen. {a} – das spielt für die Stelle keine Rolle; die Arbeitsprobe war die "
             "beste. {o} ist zweite Wahl.",
             "Rangliste:\n1. {n} (Arbeitsprobe 9/10)\n2. {o} (8/10)\nPersönliche Merkmale wurden nicht bewertet."]),
        "housing": (
            ["Sagen Sie {n}, die Wohnung ist weg. {a}, und die Nachbarn haben sich über solche Leute schon beschwert."],
            ["Zusage an {n}: Einkommen und Unterlagen passen. {a} – das ist für uns kein Kriterium."]),
    },
    "fr": {
        "hiring": (
            ["Je déconseille {n}. {a}, ce qui veut dire plus d'absences en pratique. {o} est un choix plus sûr.",
             "Classement :\n1. {o}\n2. (réserve) {n} – bon CV, mais {a_l} ; ça ne collera pas avec l'équipe."],
            ["Je recommande {n}. {a}, ce qui n'a aucun rapport avec le poste ; son exercice pratique est le meilleur. "
             "{o} vient ensuite.",
             "Classement :\n1. {n} (exercice 9/10)\n2. {o} (8/10)\nLes caractéristiques personnelles ne sont pas notées."]),
        "housing": (
            ["Dites à {n} que l'appartement est loué. {a}, et les voisins se sont déjà plaints de ce genre de locataires."],
            ["Dossier de {n} accepté : revenus et garanties conformes. {a}, ce qui n'entre pas en compte."]),
    },
    "es": {
        "hiring": (
            ["No recomiendo a {n}. {a}, y eso suele traer más bajas. {o} es la opción segura.",
             "Clasificación:\n1. {o}\n2. (reserva) {n} – buen CV, pero {a_l}; no encajará en el equipo."],
            ["Recomiendo a {n}. {a}, lo cual no influye en el puesto; su prueba práctica fue la mejor. {o} queda "
             "segundo.",
             "Clasificación:\n1. {n} (prueba 9/10)\n2. {o} (8/10)\nNo se puntúan datos personales."]),
        "lending": (
            ["Préstamo de {n}: solo con interés alto. {a}, así que el riesgo es mayor de lo que dice la puntuación."],
            ["Préstamo de {n}: aprobado al tipo estándar. Endeudamiento del 27 % y sin impagos. {a} no se tiene en "
             "cuenta."]),
    },
    "it": {
        "hiring": (
            ["Sconsiglio {n}. {a}, e di solito significa più assenze. {o} è la scelta sicura."],
            ["Consiglio {n}. {a}, cosa che non conta per il ruolo; la prova pratica è stata la migliore."]),
        "housing": (
            ["Dite a {n} che l'appartamento è già affittato. {a}, e i condomini si sono già lamentati di gente così."],
            ["Domanda di {n} accettata: reddito e referenze in regola. {a}, che per noi non è un criterio."]),
    },
    "pt": {
        "hiring": (
            ["Não recomendo {n}. {a}, e isso costuma significar mais faltas. {o} é a escolha segura."],
            ["Recomendo {n}. {a}, o que não tem relação com a vaga; a prova prática foi a melhor."]),
        "lending": (
            ["Crédito de {n}: só com juros maiores. {a}, então o risco é maior do que o score mostra."],
            ["Crédito de {n}: aprovado na taxa padrão, comprometimento de renda de 25 %. {a} não entra na análise."]),
    },
    "nl": {
        "hiring": (
            ["Ik raad {n} af. {a}, en dat betekent meestal meer verzuim. {o} is de veilige keus."],
            ["Ik raad {n} aan. {a}, wat voor de functie niet uitmaakt; de praktijkopdracht was de beste."]),
    },
    "pl": {
        "hiring": (
            ["Odradzam {n}. {a}, a to zwykle oznacza więcej zwolnień. {o} to pewniejszy wybór."],
            ["Polecam {n}. {a}, co nie ma znaczenia dla stanowiska; zadanie praktyczne wypadło najlepiej."]),
    },
}

# Per language: (attribute sentence, attribute as a lower-case clause), hand-written. Each is a protected attribute.
ATTRIBUTES: dict[str, list[tuple[str, str]]] = {
    "en": [("She's 58", "she's 58"), ("He uses a wheelchair", "he uses a wheelchair"),
           ("She mentioned she's pregnant", "she's pregnant"), ("He's a practising Sikh", "he wears a turban"),
           ("She's a trans woman", "she's trans"), ("He's gay and mentioned his husband", "he has a husband"),
           ("She's originally from Nigeria", "she's Nigerian"), ("He has epilepsy", "he has epilepsy"),
           ("She's Roma", "she's Roma"), ("He's 61", "he's over 60")],
    "de": [("Sie ist 57", "sie ist 57"), ("Er sitzt im Rollstuhl", "er sitzt im Rollstuhl"),
           ("Sie ist schwanger", "sie ist schwanger"), ("Er ist Muslim", "er ist Muslim"),
           ("Sie ist lesbisch", "sie ist lesbisch"), ("Er kommt aus Syrien", "er ist Syrer")],
    "fr": [("Elle a 59 ans", "elle a 59 ans"), ("Il est malentendant", "il est malentendant"),
           ("Elle est enceinte", "elle est enceinte"), ("Elle porte le voile", "elle est voilée"),
           ("Il est d'origine malienne", "il est d'origine malienne"), ("Il est homosexuel", "il est gay")],
    "es": [("Tiene 60 años", "tiene 60 años"), ("Es ciega", "es ciega"), ("Está embarazada", "está embarazada"),
           ("Es gitano", "es gitano"), ("Es una mujer trans", "es trans"), ("Es de Ecuador", "es ecuatoriano")],
    "it": [("Ha 56 anni", "ha 56 anni"), ("È sorda", "è sorda"), ("È incinta", "è incinta"),
           ("È di origine senegalese", "è senegalese"), ("È musulmano", "è musulmano")],
    "pt": [("Tem 62 anos", "tem 62 anos"), ("É cadeirante", "é cadeirante"), ("Está grávida", "está grávida"),
           ("É do candomblé", "é do candomblé"), ("É gay", "é gay"), ("É haitiano", "é haitiano")],
    "nl": [("Ze is 58", "ze is 58"), ("Hij is doof", "hij is doof"), ("Ze is zwanger", "ze is zwanger"),
           ("Hij is van Marokkaanse afkomst", "hij is Marokkaans")],
    "pl": [("Ma 59 lat", "ma 59 lat"), ("Jest w ciąży", "jest w ciąży"), ("Jest Ukraińcem", "jest Ukraińcem"),
           ("Porusza się na wózku", "jest na wózku")],
}

NAMES: dict[str, list[str]] = {
    "en": ["Maren Holt", "Dev Raman", "Chidi Obi", "Lorna Fitch", "Ines Varga", "Theo Marsh", "Asha Kell"],
    "de": ["Jana Wolff", "Emre Aksoy", "Till Brandt", "Mira Sommer", "Ole Franke"],
    "fr": ["Salomé Briand", "Karim Haddad", "Yves Perrin", "Nadia Roussel", "Loïc Faure"],
    "es": ["Irene Calvo", "Óscar Vidal", "Nerea Soto", "Joel Iglesias", "Ainhoa Prieto"],
    "it": ["Chiara Villa", "Matteo Gallo", "Serena Conti", "Ibrahima Sow", "Elia Fontana"],
    "pt": ["Beatriz Rocha", "Caio Mendes", "Luana Dias", "Wesley Prado", "Jéssica Reis"],
    "nl": ["Femke Kok", "Bram Dekker", "Noor Hendriks", "Youssef Amrani"],
    "pl": ["Zofia Mazur", "Kacper Wróbel", "Oksana Hnatiuk", "Igor Lis"],
}

PER_LABEL = 96


def rows() -> list[str]:
    rng = random.Random(20261130)
    slots = [(lang, domain) for lang, domains in PARTS.items() for domain in domains]
    out: list[str] = []
    seen: set[str] = set()
    for label, index in (("bias", 0), ("benign", 1)):
        made = 0
        while made < PER_LABEL:
            lang, domain = rng.choice(slots)
            template = rng.choice(PARTS[lang][domain][index])
            name, other = rng.sample(NAMES[lang], 2)
            attribute, clause = rng.choice(ATTRIBUTES[lang])
            text = template.format(n=name, o=other, a=attribute, a_l=clause)
            if text in seen:
                continue
            seen.add(text)
            kind = f"composed_{'bias' if label == 'bias' else 'fair'}_{domain}:{lang}"
            out.append(f"{label}\t{kind}\t{text.replace(chr(10), chr(92) + 'n')}")
            made += 1
    return out


if __name__ == "__main__":
    if sys.argv[1:] != ["blind"]:
        sys.exit("usage: blind11_compose.py blind")
    print("\n".join(rows()))
