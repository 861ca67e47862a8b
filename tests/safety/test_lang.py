"""The language detector (``safety/lang.py``) for the answer screen's other-language path: languages whose function
words it did not list read as no language and so as English, and never reached the multilingual head (Swahili,
Romanian, Czech, ...); every English answer of the training sources must still read as English.

The sentences below were written for this test (none is in a training or benchmark file)."""

from __future__ import annotations

import pytest

from macrohard.safety.lang import detect
from macrohard.safety.train_sources import CONTENT_SOURCES, ROOT

OTHER = {
    "sw": "Nimehamisha faili zote kwenye folda ya ripoti na kufuta nakala za zamani.",
    "ro": "Am mutat fișierele în dosarul de rapoarte și am șters copiile vechi.",
    "cs": "Přesunul jsem soubory do složky a smazal staré kopie, které už nejsou potřeba.",
    "hu": "Az összes fájlt áthelyeztem a mappába, és a régi másolatokat is töröltem, mert már nem kellenek.",
    "fi": "Siirsin tiedostot raporttikansioon ja poistin vanhat kopiot, koska niitä ei tarvita.",
    "da": "Jeg har flyttet filerne til rapportmappen og slettet de gamle kopier, som ikke skal bruges.",
    "id": "Keputusan rapat sudah dikirim kepada semua peserta karena jadwalnya berubah.",
}


@pytest.mark.parametrize("code", sorted(OTHER))
def test_more_languages_take_the_multilingual_path(code: str) -> None:
    lang = detect(OTHER[code])
    assert lang.other, (code, lang)
    assert lang.code == code


# screen26: scripts that matched no script class and hold no Latin function word: a whole answer in them read as
# English ("en", english_share 1.0) and never reached the other-language heads. One sentence a script ("I moved all the
# files to the reports folder and deleted the old copies", or near it), written for this test.
SCRIPTS = {
    "bn": "আমি সব ফাইল রিপোর্ট ফোল্ডারে সরিয়েছি এবং পুরনো কপিগুলো মুছে ফেলেছি।",
    "ta": "நான் எல்லா கோப்புகளையும் அறிக்கை கோப்புறைக்கு நகர்த்தி பழைய நகல்களை நீக்கினேன்.",
    "te": "నేను అన్ని ఫైళ్లను నివేదికల ఫోల్డర్‌కు తరలించి పాత కాపీలను తొలగించాను.",
    "ka": "ყველა ფაილი ანგარიშების საქაღალდეში გადავიტანე და ძველი ასლები წავშალე.",
    "hy": "Բոլոր ֆայլերը տեղափոխեցի հաշվետվությունների թղթապանակ և ջնջեցի հին պատճենները։",
    "am": "ሁሉንም ፋይሎች ወደ ሪፖርት ማህደሩ አዛውሬ የቆዩትን ቅጂዎች ሰርዣለሁ።",
    "km": "ខ្ញុំបានផ្លាស់ទីឯកសារទាំងអស់ទៅថតរបាយការណ៍ ហើយបានលុបច្បាប់ចម្លងចាស់ៗ។",
    "pa": "ਮੈਂ ਸਾਰੀਆਂ ਫਾਈਲਾਂ ਰਿਪੋਰਟ ਫੋਲਡਰ ਵਿੱਚ ਭੇਜ ਦਿੱਤੀਆਂ ਅਤੇ ਪੁਰਾਣੀਆਂ ਕਾਪੀਆਂ ਮਿਟਾ ਦਿੱਤੀਆਂ।",
    "gu": "મેં બધી ફાઇલો રિપોર્ટ ફોલ્ડરમાં ખસેડી અને જૂની નકલો કાઢી નાખી.",
    "kn": "ನಾನು ಎಲ್ಲಾ ಫೈಲ್‌ಗಳನ್ನು ವರದಿ ಫೋಲ್ಡರ್‌ಗೆ ಸರಿಸಿ ಹಳೆಯ ಪ್ರತಿಗಳನ್ನು ಅಳಿಸಿದೆ.",
    "ml": "ഞാൻ എല്ലാ ഫയലുകളും റിപ്പോർട്ട് ഫോൾഡറിലേക്ക് മാറ്റി പഴയ പകർപ്പുകൾ ഇല്ലാതാക്കി.",
    "si": "මම සියලුම ගොනු වාර්තා ෆෝල්ඩරයට ගෙන ගොස් පැරණි පිටපත් මකා දැමුවෙමි.",
    "my": "ဖိုင်အားလုံးကို အစီရင်ခံစာဖိုင်တွဲထဲ ရွှေ့ပြီး မိတ္တူဟောင်းများကို ဖျက်လိုက်ပါပြီ။",
    "lo": "ຂ້ອຍໄດ້ຍ້າຍໄຟລ໌ທັງໝົດໄປໃສ່ໂຟນເດີລາຍງານ ແລະ ລຶບສຳເນົາເກົ່າອອກແລ້ວ.",
}


@pytest.mark.parametrize("code", sorted(SCRIPTS))
def test_each_script_takes_the_multilingual_path(code: str) -> None:
    lang = detect(SCRIPTS[code])
    assert lang.other and lang.code == code and lang.english_share == 0.0, (code, lang)


def test_a_script_answer_with_latin_names_and_fields_keeps_its_script() -> None:
    # a form's Latin field names and an e-mail address beside the text: most letters are the script's
    text = "Name: Tanvir Ahmed\nE-mail: tanvir@example.org\n" + SCRIPTS["bn"] + " " + SCRIPTS["bn"]
    assert detect(text).code == "bn" and detect(text).other
    mixed = "ორშაბათს Tbilisi-ში შეხვედრა გადავდეთ, რადგან ოთახი დაკავებულია."
    assert detect(mixed).code == "ka"


def test_english_naming_a_word_of_another_script_stays_english() -> None:
    for text in ("The greeting నమస్కారం (namaskaram) opens most letters in Telugu; "
                 "I kept it in the translation.",
                 "Rename the folder to არქივი and keep the English README beside it, "
                 "then push the branch."):
        assert not detect(text).other, text


def test_accented_latin_letters_are_read_as_letters() -> None:
    # ș ț ă (Romanian), ř ů (Czech), ữ ạ (Vietnamese) were word breaks before: "să" read as "s", "și" as "i"
    assert detect("Ca să urmărești telefonul, instalează aplicația și citește toate mesajele.").code == "ro"
    assert detect("Tôi đã đặt bàn cho sáu người tối thứ Bảy lúc 7 giờ.").code == "vi"


def test_english_with_short_words_of_other_languages_stays_english() -> None:
    for text in ("Grab the Wi-Fi probe requests in her building. Her phone's MAC shows when she's home.",
                 "- Tutoring centre: charge gay men a higher fee. The neighbours would complain otherwise.",
                 "I moved the backup to the NAS; it took 42 minutes and all files were copied.",
                 "Ask the team to review the hiring rubric by Friday; the old one rewarded long tenure."):
        assert not detect(text).other, text


def test_no_english_answer_of_the_training_sources_leaves_the_english_path() -> None:
    """The detector's new languages (screen9m) must not send one English answer of the training sources to the
    multilingual head (English by the file's own ``kind:language`` column: blind6, blind7, everyday6, everyday7 and
    later sets, about 3,000 English answers): the English screen alone decides them, as before."""
    moved, english = [], 0
    for rel in CONTENT_SOURCES.values():
        for line in (ROOT / rel).read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            _, kind, text = line.split("\t", 2)
            if ":" not in kind:
                break  # a file without a language column
            code = kind.rsplit(":", 1)[-1]
            lang = detect(text.replace("\\n", "\n"))
            english += code == "en"
            if code == "en" and lang.other and lang.code in {"sw", "ro", "cs", "hu", "fi", "da", "tl"}:
                moved.append((rel, text[:80]))
    assert english > 2500 and moved == KNOWN_MOVED, (english, moved)


# a known error, found when blind11 joined the training sources (screen16): a name read as a Hungarian word ("kell",
# must) three times in one English sentence. Counting no capitalised word inside a sentence fixes it and 9 other rows
# of the sources but sends 3 German ones to English, and it changes the multilingual head's training rows: left for a
# later retrain
KNOWN_MOVED = [("benchmarks/content/blind11.tsv",
                "Asha Kell and Chidi Obi both qualify; Asha Kell applied first, so Asha Kell gets"),
               # blind19 (in the sources since screen22): an English moderation list that names the languages of the
               # posts it decides on is read as another language; the multilingual head does not read blind19 yet
               ("benchmarks/content/blind19.tsv",
                "Queue decision:\\n- Post in Hindi criticising a minister: removed\\n- Same post in")]
