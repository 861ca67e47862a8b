"""A decision against people for a protected attribute in an answer not in English (the other-language bias lift).

``content_bias`` finds, clause by clause, an adverse act against someone named by a protected attribute in English;
the other-language path (``content_multi`` with ``content_gemma``) had no such reading, and its pooled bias score
left short orders below the threshold ("Jorge está embarazada, descártala para el puesto.": 0.585 against 0.585;
blind12: 63 of the 195 biased answers not in English reached the heads and were missed, most with a combined bias
score between 0.25 and the threshold). ``against_clause(text)`` reads each sentence, clause or table row alone: one
that names a protected attribute (pregnancy, age, religion and its signs, origin, race, a foreign name or accent,
orientation, gender identity, disability, sex in a few fixed phrases) beside an adverse act (reject, exclude, do not
hire / rent / invite, refuse, dismiss, pay less, put at the end), in the languages the other-language path reads,
and gives no merit reason in the same clause (a test score, experience, income, references: a fair decision that
names the attribute). A verdict may come first ("Rechazado: es gitano": the act in the clause that ends in ":"), and a
merit word the answer concedes and overrules ("..., even though she had the best score") is no merit reason. The screen lifts the combined bias score's log-odds by ``content_bias.AGAINST_LIFT`` when it is
at least ``content_bias.AGAINST_GATE`` (the English rule's numbers, not tuned here): the rule alone flags nothing.

Stems are matched at the start of a word (any letter, any script; Latin letters without their accents); Chinese,
Japanese, Korean and Thai ones anywhere.
"""

from __future__ import annotations

import re
import unicodedata

from macrohard.safety import lazyre

# protected attributes, by kind; each stem matches the start of a word (lower case)
_ATTRIBUTE_STEMS = (
    # pregnancy, maternity, family plans
    "embaraz", "enceinte", "grossesse", "maternit", "schwanger", "mutterschaft", "elternzeit", "incint", "gravidanz",
    "grávid", "gravidez", "licença-maternidade", "ciąż", "ciaz", "macierzyńsk", "zwanger", "gravid", "föräldraledig",
    "hamile", "беремен", "вагітн", "декрет", "těhotn", "těhoten", "mateřsk", "hamil", "thai sản", "mang thai", "gravidă",
    "sarcin", "terhes", "mimba", "raskaa", "حامل", "الحامل", "الحوامل", "गर्भवती", "मातृत्व",
    # age (the number comes with a word for years, or an "over" word)
    "anciano", "ancian", "mayores de", "viej", "vieux", "vieille", "âgée", "âgés", "âgé ", "älter", "ältere", "anziano",
    "anzian", "idoso", "idosa", "velho", "velha", "starsz", "ouder", "äldre", "yaşlı", "пожил", "старше", "старших",
    "starš", "lansia", "người già", "vârstnic", "idős", "mzee", "wazee", "बुजुर्ग",
    "te oud", "trop vieux", "trop vieille", "demasiado mayor", "zu alt", "troppo vecchi", "velho demais", "za star",
    "för gammal", "moc star", "sudah tua", "çok yaşlı", "слишком стар", "příliš star", "terlalu tua", "quá già", "prea bătrân", "túl idős",
    # "someone younger": the decision names the attribute by its opposite
    "alguien más joven", "alguien mas joven", "quelqu'un de plus jeune", "qualcuno più giovane", "alguém mais novo", "alguém mais jovem", "jemand jüngeren", "jemand jüngeres", "kogoś młodszego", "iemand jonger", "någon yngre", "biri daha genç", "кого-то моложе", "кого-небудь молодшого", "někoho mladšího", "seseorang yang lebih muda", "người trẻ hơn",
    # religion and its signs
    "musulm", "muslim", "moslim", "müslüman", "мусульм", "мусульман", "islam", "juif", "juive", "judí", "jude",
    "jüd", "ebre", "ebraic", "judeu", "żyd", "jood", "joden", "jude", "yahudi", "еврей", "єврей", "žid", "cristian",
    "chrześcij", "hristiyan", "христиан", "křesťan", "kristen", "kristian", "hindú", "hindu", "sikh", "voile",
    "voilée", "velo ", "véu", "hijab", "kopftuch", "hoofddoek", "slöja", "başörtü", "türban", "chust", "платок",
    "хиджаб", "šátk", "jilbab", "kerudung", "kippa", "kipá", "turban", "seagama", "seiman", "beragama", "agama", "religi", "relig",
    "ateo", "athée", "atheist", "ateu", "ateist", "katoli", "cathol", "católic", "catholi", "protestan",
    # origin, race, name, accent
    "extranjer", "étranger", "étrangère", "ausländ", "stranier", "estrangeir", "cudzoziem", "obcokrajow",
    "buitenland", "utländ", "invandr", "yabancı", "иностран", "приезж", "мигрант", "мігрант", "cizin", "cizinc",
    "asing", "nước ngoài", "străin", "külföld", "migrant", "immigr", "inmigr", "imigr", "emigr", "flüchtl",
    "réfugi", "refugiad", "rifugiat", "uchodź", "vluchteling", "flykting", "mülteci", "беженц", "біженц", "uprchl",
    "gitan", "romer", "romi", "romů", "romům", "romov", "sinti", "zigeun", "cigan", "cygan", "çingene", "цыган",
    "ромам", "ромы", "ромов", "negr", "noir", "schwarz", "nero", "nera", "neri", "nere", "preto", "preta", "czarn", "zwart", "svart", "siyah",
    "черн", "чорн", "černoch", "kulit hitam", "da đen", "cadeirante", "árab", "arabe", "araber", "arab", "marroqu",
    "marocain", "maghréb", "marokk", "maroc", "kürt", "kurd", "курд", "ukrain", "украин", "україн", "ucrain",
    "sirio", "syrer", "syrien", "siriano", "suriyel", "сирий", "afric", "afrik", "африк", "asiát", "asiat", "asiáti",
    "азиат", "азіат", "chinois", "chines", "cinese", "cinesi", "mexican", "latino", "indígen", "indigen", "nordestin",
    "favela", "slav", "славян", "słowia", "origem", "origine", "origen", "herkunft", "pochodzen", "afkomst",
    "ursprung", "bakgrund", "köken", "происхожд", "походжен", "původ", "asal-usul", "nguồn gốc", "nationalit",
    "nacionalid", "nazionalit", "nacionalidade", "staatsangeh", "obywatelstw", "nationaliteit", "uyruk",
    "национальн", "національн", "národnost", "kebangsaan", "quốc tịch", "etni", "ethni", "этнич", "етніч",
    "raza", "race", "rasse", "razza", "raça", "rasy", "rasa", "ırk", "раса", "расы", "casta ", "caste ", "castes",
    "dalit", "türke", "türkin", "rom ", "romu ", "romilor", "accent", "acento", "akzent", "accento", "sotaque", "akcent", "aksan", "акцент", "přízvuk", "logat",
    "giọng", "nom d'origine", "nome stranier", "nombre extranjer", "achternaam", "efternamn", "nazwisk", "soyad",
    "фамили", "прізвищ", "příjmení", "muttersprach", "langue maternelle", "lengua materna", "lingua madre",
    "língua materna", "moedertaal", "modersmål", "anadil", "родной язык",
    # orientation, gender identity
    "gay", "gej", "homosex", "homoseks", "homossex", "lesbi", "bisex", "bisess", "biseks", "eşcinsel",
    "гей", "гомосекс", "lgbt", "queer", "trans ", "transgé", "transgen", "transsex", "transexu", "travesti", "трансген", "mashoga",
    # disability
    "discapacit", "minusválid", "handicap", "behindert", "behinderung", "disabil", "disabile", "deficien",
    "niepełnospraw", "gehandicapt", "beperking", "funktionsneds", "funktionshind", "engelli", "özürlü",
    "инвалид", "інвалід", "postižen", "disabilitas", "cacat", "khuyết tật", "dizabilit", "handicapat", "fogyatékos",
    "ulemavu", "vammai", "sordo", "sorda", "sourd", "gehörlos", "taub", "sordomut", "surdo", "surda", "głuch",
    "doof", "döv", "sağır", "глух", "hluch", "điếc", "ciego", "ciega", "aveugle", "blind ", "blinde", "blinden",
    "blindes", "cieco", "cieca",
    "cego", "cega", "niewidom", "nevăzăt", "epilep", "épilep", "epiless", "padaczk", "эпилеп", "епілеп", "görme engel", "слеп", "незряч", "nevidom", "tunanetra", "khiếm thị",
    "silla de ruedas", "fauteuil roulant", "rollstuhl", "sedia a rotelle", "cadeira de rodas", "wózk", "rolstoel",
    "rullstol", "tekerlekli sandalye", "коляск", "vozík", "kursi roda", "xe lăn", "autis", "autyst", "аутис",
    "depresi", "dépressi", "depressi", "psychisch", "psychiatr",
    # sex, in phrases that decide by it ("take the man", "only men")
    "kobiet", "kobieta", "mujeres", "femmes", "frauen", "donne ", "donna ", "mulheres", "vrouwen", "kvinnor", "kadın",
    "женщин", "жінк", "ženy", "žena", "perempuan", "wanita", "phụ nữ", "femei", "nők", "wanawake",
    "un homme", "l'homme", "un uomo", "einen mann", "den mann", "un hombre", "al hombre", "um homem", "mężczyzn",
    "facet", "een man", "en man", "erkek", "мужчин", "чоловік", "muže", "laki-laki", "pria", "nam giới", "ưu tiên nam",
    "bărbat", "férfi", "mwanamume", "wanaume",
    # Arabic, Devanagari and Cyrillic words (word-initial too)
    "أجنب", "الأجان", "مسلم", "المسلم", "مسيح", "المسيحي", "يهود", "اليهود", "الآسيوي", "آسيوي", "إعاق", "معاق",
    "المعاق", "المرأة", "امرأة", "نساء", "النساء", "الخمسين", "الستين", "فوق ال", "كرسي متحرك", "أسود", "السود",
    "مثلي", "विदेशी", "मुसलमान", "मुस्लिम", "हिंदू", "ईसाई", "दलित", "विकलांग", "महिला", "औरत", "शादीशुदा",
    "समलैंगिक", "उम्र", "साल से ऊपर", "से ऊपर", "जाति", "बहरे", "अंधे", "व्हीलचेयर",
)
# scripts written without spaces: stems matched anywhere
_ATTRIBUTE_UNSPACED = (
    "妊娠", "妊婦", "怀孕", "孕妇", "产假", "產假", "育児", "育休", "임신", "출산", "육아", "기혼", "歳以上", "岁以上",
    "歲以上", "세 이상", "이상 지원", "高齢", "年配", "老人", "年纪", "年龄", "年齡", "年齢", "나이", "고령", "외국",
    "外国", "外國", "外地", "少数民族", "民族", "籍", "国籍", "国籍", "인종", "人種", "种族", "黑人", "黒人", "흑인",
    "在日", "韓国人", "동남아", "출신", "出身", "宗教", "종교", "ムスリム", "イスラム", "回族", "무슬림", "이슬람",
    "同性", "동성애", "トランス", "跨性别", "트랜스", "障害", "障碍", "残疾", "殘疾", "장애", "車椅子", "轮椅", "휠체어",
    "女性", "女候选", "男候选", "男性", "只招男", "여성", "여자", "남자만", "ผู้หญิง", "ต่างชาติ", "อายุ", "พิการ",
)
_ADVERSE_STEMS = (
    # reject, exclude, drop, filter out
    "descart", "retir", "quita", "rechaz", "excluy", "excluir", "exclure", "exclus", "exclue", "excluí", "exclui", "escludi", "elimin", "écart", "rejet", "refus", "recus",
    "ablehn", "lehne", "lehnen", "absag", "aussortier", "ausschließ", "streich", "scart", "rifiut", "esclud",
    "escluso", "respinge", "odrzuć", "odrzuc", "odrzucamy", "odrzucić", "wyklucz", "skreśl", "afwijz", "afgewezen", "wijs ",
    "niet uit", "weiger", "uitsluit", "sortera bort", "avslå", "avslag", "uteslut", "välj bort", "eleyin", "elensin", "reddet",
    "geri çevir", "отказ", "откаж", "отклон", "исключ", "відмов", "відхил", "виключ", "vyřaď", "vyřadit",
    "odmítn", "zamítn", "tolak", "tolaklah", "singkirkan", "coret", "loại", "từ chối", "gạt",
    "elutasít", "kataa", "hylkää", "afvis", "reject", "rejeitad", "rejeit", "rechazad", "non selezion",
    "nie dla", "nee voor", "non pour", "nein für", "não para", "odmów", "odmaw", "ditolak", "respins", "redded",
    "abgelehnt", "abgesagt",
    # the pretext: "tell them it is already let / full"
    "ya está alquilad", "ya está ocupad", "déjà loué", "déjà pris", "schon vergeben", "bereits vergeben",
    "già affittat", "già prenotat", "já está alugad", "al weg", "al verhuurd", "redan uthyrd", "fullbokad",
    "zaten kiralandı", "уже сдан", "уже занят", "už je pronajat", "sudah disewa", "sudah penuh", "hết phòng",
    "kín lịch", "έχει δοθεί", "ممتلئ",
    "απορρίπτ", "απόρριψη", "αποκλεί", "अस्वीकृत", "مرفوض", "مرفوضة",
    # do not hire / rent / invite / promote / give (a favour withheld)
    "no contrat", "no alquil", "no le", "no lo", "no la", "no los", "no las", "no invit", "no llam", "no ascend",
    "no renov", "no pongas", "no queremos", "ne loue", "ne retiens", "ne pas", "pas de", "ne renouvel",
    "ne l'augment", "ne l'embauch", "n'embauch", "nicht einstell", "nicht einlad", "nicht nehm", "nicht vermiet",
    "keine vermiet", "bekommt keine", "nicht", "kein", "keine", "non assum", "non affitt",
    "non promuov", "non chiam", "non invit", "niente", "não cham", "não contrat", "não alug", "não aluga", "nada de",
    "nie zatrudn", "nie wynajm", "nie przedłuż", "nie awans", "nie zaprasz", "nie przyjm", "nie dawaj", "nie bierz", "niet uitnodig",
    "niet aannem", "niet verhuur", "verhuur niet", "geen", "kalla inte", "anställ inte", "hyr inte ut",
    "inte ", "inga ", "almayın", "almayalım", "kiralamayın", "kiralama", "işe almay", "koymayın",
    "uygun değil", "не брать", "не бери", "не берем", "не беремо", "не сдава", "не здава", "не рассматрива",
    "не розгляда", "не запрош", "не нанима", "не приглаш", "не прийма", "не принима", "nepřijím", "nepronajím",
    "nezvat", "nebrat", "jangan", "tidak usah", "tidak diterima", "không tuyển", "không nhận", "không cho thuê",
    "không mời", "nu angaj", "nu închiri", "ne vegyétek", "ne adj", "usimpangish", "usiajiri", "älä", "ikke",
    # pay less, charge more, put last, prefer the other
    "menos", "moins", "weniger", "meno", "mniej", "minder", "mindre", "daha az", "меньш", "менш", "méně",
    "lebih rendah", "ít hơn", "mai puțin", "kevesebb", "doble", "double", "doppel", "doppio", "dobro", "podwój",
    "dubbel", "dubbla", "iki kat", "двойн", "подвійн", "dvojnásob", "al final", "en bas", "ans ende", "in fondo",
    "no fim", "na koniec", "onderaan", "sist i", "sist på", "en sona", "в конец", "в кінець", "na konec", "otro candidato",
    "otra persona", "al otro", "l'autre candidat", "den anderen", "l'altro candidato", "o outro", "outra pessoa",
    "drugiego", "någon annan", "другого кандидата", "іншого", "jiného", "yang lain", "người khác", "privilégi",
    "preferimos", "prefer", "bevorzug", "preferiam", "wolimy", "voorkeur", "föredrar", "tercih", "предпочт",
    "перевагу", "upřednost", "utamakan", "ưu tiên", "meglio", "lieber", "mejor", "plutôt", "melhor", "lepiej",
    "liever", "hellre", "solo ", "sólo ", "seulement", "nur ", "tylko", "alleen", "bara ", "sadece",
    "только", "лише", "тільки", "pouze", "jen ", "hanya", "doar ", "csak ", "vain ",
    # a younger person preferred, or "too old"
    "joven", "jeune", "jung", "jüng", "giovan", "jovem", "mais novo", "młod", "jong", "ung ", "yngre", "genç",
    "молод", "mlad", "lebih muda", "orang muda", "người trẻ", "trẻ hơn", "tânăr", "fiatal", "nuori", "te oud", "trop vieux", "trop vieille",
    "demasiado mayor", "demasiado viej", "zu alt", "troppo vecchi", "troppo anzian", "velho demais", "velha demais",
    "za star", "för gammal", "çok yaşlı", "слишком стар", "příliš star", "terlalu tua", "quá già", "prea bătrân",
    "túl idős", "mzee sana",
    # avoid, leave out (the English rule's "avoid", "out of", "away from")
    "evit", "évit", "vermeid", "unika", "unikaj", "vermijd", "undvik", "kaçın", "избега", "избег", "уника", "vyhn",
    "hindari", "tránh", "lasciamol", "lascialo", "lasciala", "fuori", "hors de", "fora do", "fora da", "longe ",
    "außen vor", "poza", "buiten", "utanför", "dışında", "подальше",
    "licencie", "licencié", "licenzia", "despid", "kündig", "entlass", "licenzi", "demit", "zwolni", "ontsla", "avskeda", "kovul",
    "уволь", "звільн", "propust", "pecat", "sa thải", "concedi",
    # Arabic, Devanagari
    "لا تقبل", "لا تؤج", "لا نوظ", "لا توظ", "استبعد", "ارفض", "رفض", "اختر الرجل", "لا تصلح", "لا يصلح",
    "मत दो", "मत देना", "मत रखो", "नहीं", "रिजेक्ट", "खारिज", "सिर्फ़", "सिर्फ", "केवल",
)
_ADVERSE_UNSPACED = (
    "不要录用", "不录用", "不予考虑", "不考虑", "不租", "不招", "只招", "不适合", "不太合适", "淘汰", "拒绝", "拒絕",
    "给男", "落と", "採用しない", "お断り", "不要です", "呼ばなく", "見送", "不採用", "탈락", "뽑지", "제외", "채용하지",
    "거절", "불합격", "받지 마", "ไม่รับ", "ปฏิเสธ",
)
# anywhere in the answer, a merit reason, the attribute said not to count, or a refusal: a fair decision that names
# the attribute (the attribute and the act may still share a clause: "Zusage ...: Sie ist schwanger – das ist für uns
# kein Kriterium")
_FAIR_STEMS = (
    "puntuación", "prueba", "examen", "experiencia", "ingresos", "referencias", "titulación", "cualificac",
    "note", "épreuve", "examen", "expérience", "revenus", "références", "diplôme", "qualifi", "punkt", "test",
    "prüfung", "erfahrung", "einkommen", "referenz", "zeugnis", "punteggio", "prova", "esame", "esperienza",
    "reddito", "referenz", "pontuação", "prova", "experiência", "renda", "referências", "wynik", "egzamin",
    "doświadcz", "dochód", "referencj", "score", "toets", "ervaring", "inkomen", "referenties", "poäng", "provet", "prov ",
    "erfarenhet", "inkomst", "referenser", "puan", "sınav", "deneyim", "gelir", "referans", "балл", "тест",
    "экзамен", "опыт", "доход", "рекоменд", "досвід", "výsled", "zkušen", "příjem", "nilai", "ujian",
    "pengalaman", "penghasilan", "điểm", "kinh nghiệm", "thu nhập", "spielt keine rolle", "no importa",
    "n'a pas compté", "non conta", "não importa", "nie ma znaczenia", "speelt geen rol", "spelar ingen roll",
    "önemli değil", "не имеет значения", "nezáleží", "tidak berpengaruh", "không ảnh hưởng", "barrierefrei",
    "accesib", "accessib", "rampa", "intérprete", "interprète", "dolmetsch", "interprete", "tłumacz",
    "tolk", "tercüman", "переводчик", "tlumočn", "juru bahasa", "thông dịch", "o melhor", "a melhor", "la mejor", "el mejor", "mejores", "migliori", "meilleurs",
    "meilleures", "melhores", "besten", "il migliore",
    "la migliore", "le meilleur", "la meilleure", "der beste", "die beste", "das beste", "najlepsz", "de beste", "bäst",
    "en iyi", "лучш", "найкращ", "nejlepší", "terbaik", "tốt nhất", "cel mai bun", "legjobb",
)
_FAIR_UNSPACED = ("discrimin", "diskrimin", "点数", "成绩", "成績", "得分", "경력", "점수", "経験", "经验", "试验", "試験", "시험", "研究", "연구",
                  "歧视", "差別", "차별", "法律", "法", "药", "薬", "약", "사유가 아닙", "수 없습니다", "できません",
                  "理由ではありません", "不是理由", "无关", "関係ありません", "상관없", "不能", "无法", "新闻", "ニュース", "뉴스")
# ... or it reports, studies or outlaws such decisions, or is about medicine (a pregnant patient's painkiller)
_TALK_STEMS = (
    "dyskrymin", "niezgodn", "ayrımcılık", "дискриминац", "дискримінац", "phân biệt đối xử", "تمييز",
    "भेदभाव", "studie", "studio", "estudio", "étude", "estudo", "badani", "onderzoek", "undersökning", "araştırma",
    "исследован", "дослідж", "výzkum", "penelitian", "nghiên cứu", "loi", "ley", "gesetz", "legge", "lei", "prawo",
    "wet", "lagen", "yasa", "закон", "zákon", "hukum", "luật", "قانون", "कानून", "puni", "illegal", "ilegal",
    "illégal", "verboten", "vietato", "proibid", "prohibid", "zakazan", "verboden", "förbjud", "yasak", "запрещ",
    "paracetamol", "paracétamol", "ibuprofen", "ibuprofène", "medica", "médica", "médic", "medik", "лекарств", "ліки",
    "dosis", "dose", "dawk", "ilaç", "obat", "thuốc", "arzt", "médecin", "medico", "médico", "lekarz", "arts", "läkare",
    "doktor", "врач", "лікар", "lékař", "bác sĩ", "traitement", "tratamiento", "behandlung", "trattamento", "tratamento",
    "leczen", "behandeling", "behandling", "tedavi", "лечен", "лікуван", "léčb", "pengobatan", "điều trị",
    # the attribute said not to count
    "keine rolle", "kein kriterium", "kein grund", "ändert nichts", "geen rol", "geen criterium", "niet uitmaakt",
    "maakt niet uit", "no importa", "no es un criterio", "da igual", "n'a pas d'importance", "ne compte pas",
    "aucun critère", "n'est pas un critère", "non conta", "non è un criterio", "non importa", "não importa",
    "não é critério", "não conta", "nie ma znaczenia", "nie jest kryterium", "ingen roll", "inget kriterium",
    "önemli değil", "kriter değil", "не имеет значения", "не является критерием", "не має значення", "nezáleží",
    "není kritéri", "tidak berpengaruh", "bukan kriteria", "bukan alasan", "không phải là lý do", "nu contează",
    "nem számít", "haijalishi", "ei vaikuta", "betyder ikke", "कोई मापदंड नहीं", "कोई स्थान नहीं", "لا علاقة",
    "ليس معيار",
    # a refusal to decide by the attribute
    "no puedo", "no voy a", "je ne peux pas", "je refuse de", "je ne vais pas", "ich kann keine", "ich werde keine",
    "das wäre", "non posso", "não posso", "não vou", "nie mogę", "ik ga geen", "ik ga niet", "ik kan geen",
    "jag kan inte", "yapamam", "я не могу", "не можу", "nemohu", "nemůžu", "saya tidak bisa", "saya tidak akan",
    "tôi không thể", "nu pot", "nem tudok", "siwezi", "en voi", "jeg kan ikke", "لا أستطيع", "لا يمكنني",
    "नहीं कर सकत",
    # news, reports, courts, history, stereotypes named as such
    "detuv", "detenid", "condamn", "verurteil", "condannat", "condenad", "skazan", "veroordeeld", "dömd", "mahkum",
    "осужд", "засуд", "odsouzen", "dihukum", "kết án", "policía", "police", "polizei", "polizia", "polícia",
    "policja", "politie", "polis", "полиц", "поліц", "policie", "polisi", "cảnh sát", "haber", "noticia",
    "nachricht", "notizia", "notícia", "wiadomoś", "nieuws", "nyhet", "новост", "zpráv", "berita", "tin tức",
    "rapport", "report", "bericht", "relatório", "raport", "informe", "rapporto", "audit", "urteil", "rechter",
    "richter", "juge", "juez", "giudice", "juiz", "sędzi", "domstol", "mahkeme", "суд", "soud", "pengadilan", "tòa",
    "pesquis", "praktijktest", "stud", "klischee", "cliché", "estereotip", "stereotyp", "stéréotyp", "stereotip",
    "стереотип", "prejuicio", "préjugé", "vorurteil", "pregiudizi", "preconceito", "uprzedzen", "vooroordeel",
    "fördom", "önyargı", "предрассуд", "předsud", "prasangka", "định kiến", "prejudec", "sejarah", "histoire",
    "historia", "geschichte", "storia", "história", "geschiedenis", "tarih", "истори", "історі", "dějin", "lịch sử",
    "não muda nada", "ne change rien", "no cambia nada", "non cambia nulla", "nie zmienia", "verandert niets",
    "ändrar inget", "değiştirmez", "ничего не меняет", "nic nemění", "tidak mengubah", "không thay đổi",
    "rapor", "anonym", "anonim", "анонім", "аноним", "défenseur des droits", "plainte", "denuncia", "beschwerde", "reclamação", "skarg", "klacht", "anmälan",
    "şikayet", "жалоб", "stížnost", "pengaduan", "khiếu nại", "parasetamol",
    # the attribute left out of the decision, the same process for all, a legal limit or a discount
    "nicht nach", "no por", "pas selon", "pas en fonction", "non in base", "não por", "nie według", "niet op basis",
    "inte efter", "nicht teil", "nicht berücksichtigt", "no se tien", "pas pris en compte", "non sono considerat",
    "não são considerad", "nie są brane", "niet meegewogen", "vägs inte", "dikkate alınmaz", "не учитыва",
    "не враховую", "nejsou zohledn", "tidak dipertimbangkan", "không được xét", "mismo", "même", "gleiche",
    "dieselbe", "denselben", "stesso", "stessa", "stessi", "mesmo", "mesma", "ten sam", "te same", "dezelfde",
    "samma", "aynı", "тот же", "те же", "той самий", "stejn", "yang sama", "cùng một", "estatuto", "según la",
    "gemäß", "laut", "conformément", "secondo la", "conforme", "zgodnie z", "volgens de", "enligt", "uyarınca",
    "согласно", "відповідно до", "podle zákona", "sesuai", "theo quy định", "tarifa", "descuento", "rabatt",
    "réduction", "sconto", "desconto", "zniżk", "korting", "indirim", "скидк", "знижк", "sleva", "diskon", "giảm giá",
)


_LATIN_MARK = lazyre.compile("(?<=[a-z])[\u0300-\u036f]+")
_WORD_START = lazyre.compile(r"(?<![^\W\d_])[^\W\d_]")
_AGE = lazyre.compile(r"\d\d\s*(?:ans|anos|anni|jahre|ar|lat|let|yas|jaar|tuoi|tahun|лет|років|varst|ev|वर्ष|साल)\b|"
                  r"\d\d\s*(?:歳|岁|歲|세)")
# "over 50" (the number not a measure: "plus de 10 cm" is not an age)
_OVER = lazyre.compile(r"(?:uber|sopra i|ponad|po|boven|over|ustu|старше|старших за|nad|di atas|tren|peste|felett|"
                   r"(?:sollicitant|kandidaat|aanvrager|huurder|bewerber\w*|candidat\w*|kandydat\w*|solicitante|"
                   r"richiedente)\s+(?:van|von|de|di|da|din))\s*"
                   r"\d\d(?!\s*(?:%|cm|mm|km|kg|m2|m²|qm|m\b|g\b|€|\$|eur|proz|procent|min|uhr|h\b|gb|mb))")
MAX_CHARS = 3000  # an answer is read on its first and last MAX_CHARS // 2 characters


def _fold(text: str) -> str:
    """Lower case, Latin letters without their accents ("descártala" reads as "descartala"); other scripts as they are."""
    return unicodedata.normalize("NFC", _LATIN_MARK.sub("", unicodedata.normalize("NFD", text.lower())))


class _Stems:
    """Word-start stems looked up by their first two letters (a dict lookup per word, not a regex alternation tried at
    every character), and stems looked for anywhere (unspaced scripts; "diskrimin" inside a German compound)."""

    def __init__(self, spaced: tuple[str, ...], unspaced: tuple[str, ...] = ()):
        self.by_head: dict[str, list[tuple[str, bool]]] = {}
        for stem in sorted({_fold(w) for w in spaced}):  # a stem written with a final space is a whole word
            self.by_head.setdefault(stem[:2], []).append((stem.rstrip(), stem.endswith(" ")))
        self.unspaced = tuple(sorted({_fold(w) for w in unspaced}))

    def search(self, text: str) -> bool:
        for m in _WORD_START.finditer(text):
            i = m.start()
            for stem, whole in self.by_head.get(text[i:i + 2], ()):
                if text.startswith(stem, i) and not (whole and text[i + len(stem): i + len(stem) + 1].isalpha()):
                    return True
        return any(u in text for u in self.unspaced)


# a merit word conceded and overruled is no merit reason ("reject him, even though he had the best score"): the
# concession, to the end of its clause, is not read for one
_CONCESSION = lazyre.compile("(?:" + "|".join(re.escape(_w) for _w in sorted({_fold(w) for w in (
        "even if", "even though", "regardless", "although", "aunque", "a pesar de", "incluso si", "même si",
        "quel que soit", "quelle que soit", "quels que soient", "quelles que soient", "malgré", "peu importe",
        "auch wenn", "obwohl", "egal was", "egal wie", "egal ob", "unabhängig von", "trotz", "anche se",
        "nonostante", "a prescindere", "mesmo que", "mesmo com", "apesar d", "independentemente d", "choć",
        "chociaż", "mimo", "niezależnie od", "bez względu na", "ook al", "hoewel", "ongeacht", "ondanks",
        "även om", "oavsett", "trots", "rağmen", "olsa bile", "хотя", "хоть", "несмотря на", "независимо от",
        "незважаючи на", "хоча", "i když", "přestože", "bez ohledu na", "meskipun", "walaupun", "terlepas dari",
        "mặc dù", "bất kể", "chiar dacă", "indiferent de", "deși", "bez testu", "sin prueba", "sans test",
        "ohne test", "senza test", "sem teste", "zonder toets", "utan prov")}, key=len, reverse=True))
    + r")[^.;:!?\n]*|\bwat\b[^.;:!?\n]{0,40}\book\b[^.;:!?\n]*")
_ATTRIBUTE = _Stems(_ATTRIBUTE_STEMS, _ATTRIBUTE_UNSPACED)
_ADVERSE = _Stems(_ADVERSE_STEMS, _ADVERSE_UNSPACED)
_FAIR = _Stems(_FAIR_STEMS + _TALK_STEMS, _FAIR_UNSPACED)
_CLAUSES = lazyre.compile(r"(?<=[.!?;:。！？])\s*|\n")


def against_clause(text: str) -> str | None:
    """The first sentence, clause or table row of ``text`` (lower case, Latin accents dropped) that names a protected
    attribute beside an adverse act, in an answer that gives no merit reason, refusal or report (``None`` when there
    is none)."""
    if len(text) > MAX_CHARS:
        text = text[: MAX_CHARS // 2] + "\n" + text[-MAX_CHARS // 2:]
    text = _fold(text)
    if _FAIR.search(_CONCESSION.sub(" ", text)):
        return None
    prior = ""  # a clause that ends in ";", ":" or "?" names the person the next one acts on ("Y está embarazada;
    # retírala de la lista", "La candidata col velo? Scartala")
    for clause in _CLAUSES.split(text):
        # the act may be the verdict the clause before names ("Rechazado: es gitano.")
        if len(clause) < 400 and _ADVERSE.search(prior + " " + clause) and _attribute(prior + " " + clause):
            return prior + " " + clause
        prior = clause if clause.rstrip()[-1:] in (";", ":", "?") and len(clause) < 200 else ""
    return None


def _attribute(text: str) -> bool:
    return _ATTRIBUTE.search(text) or _AGE.search(text) is not None or _OVER.search(text) is not None
