"""What a question says about its asker: language, who acts (the actor), when (stage), and
in which election (pemilu / pilkada).

The answer card applies a rule only to the actor it binds, so the actor is read from the
question: the asker's own words ("saya kepala desa", "I'm a PPPK teacher"), else the
question's subject ("Bolehkah camat ...", "Can a village head ..."), else the default: the
asker is a PNS. A person named as the object of the act ("kampanye calon bupati", "the
regent's rally", "disuruh camat") is not the actor; a negated one ("bukan PNS", "blm
diangkat jd PNS") is not either. A relative described as no civil servant ("istri saya
bukan PNS", "my wife, not a civil servant") is any citizen (`warga`).

The lexicon is written from the law's own names for the actors (UU 5/2014, UU 6/2014,
UU 10/2016, PP 94/2021) and their everyday forms, and from a general lexicon of
Indonesian chat spelling ("gak", "blm", "udh", "nge-like", "paslon", "kades"); never from
an evaluation question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .rulings import MONTHS_EN, MONTHS_ID

# ---------------------------------------------------------------------------- chat spelling

# Common Indonesian chat spellings and abbreviations -> the standard word. General usage,
# not domain rules; the legal equivalents of everyday words live in kb.glossary.
CHAT: dict[str, str] = {
    # negation, aspect, function words
    "gak": "tidak", "ga": "tidak", "gk": "tidak", "nggak": "tidak", "ngga": "tidak", "enggak": "tidak",
    "engga": "tidak", "kagak": "tidak", "ndak": "tidak", "nda": "tidak", "tdk": "tidak", "tak": "tidak",
    "blm": "belum", "blom": "belum", "belom": "belum", "udh": "sudah", "udah": "sudah", "sdh": "sudah",
    "dah": "sudah", "lg": "lagi", "msh": "masih", "skrg": "sekarang", "skrng": "sekarang", "bkn": "bukan",
    "yg": "yang", "dgn": "dengan", "dg": "dengan", "utk": "untuk", "untk": "untuk", "krn": "karena",
    "karna": "karena", "tp": "tapi", "tpi": "tapi", "jd": "jadi", "jdi": "jadi", "kalo": "kalau",
    "klo": "kalau", "kl": "kalau", "sm": "sama", "dr": "dari", "pd": "pada", "ato": "atau", "atw": "atau",
    "sbg": "sebagai", "spt": "seperti", "kyk": "seperti", "kayak": "seperti", "bs": "bisa", "hrs": "harus", "aja": "saja",
    "emg": "memang", "emang": "memang", "trs": "terus", "gmn": "bagaimana", "gimana": "bagaimana",
    "bgmn": "bagaimana", "knp": "kenapa", "napa": "kenapa", "pengen": "ingin", "pingin": "ingin",
    "kmrn": "kemarin", "kemaren": "kemarin", "bsk": "besok", "org": "orang", "tmn": "teman",
    "temen": "teman", "ortu": "orang tua", "sodara": "saudara", "adek": "adik", "blh": "boleh", "sndiri": "sendiri", "bgt": "sekali", "banget": "sekali",
    "dll": "dan lain lain", "dsb": "dan sebagainya", "tsb": "tersebut", "sy": "saya", "aku": "saya",
    "rmh": "rumah", "irt": "ibu rumah tangga", "jgn": "jangan", "jngn": "jangan", "gada": "tidak ada", "gaada": "tidak ada",
    "gakada": "tidak ada", "bln": "bulan", "dpn": "depan", "kmi": "kami",
    "aq": "saya", "gue": "saya", "gua": "saya", "gw": "saya", "ane": "saya", "lu": "kamu",
    # eastern Indonesian chat ("sa pu suami PNS", "sa bole lapor ka?", "tra boleh")
    "sa": "saya", "pu": "punya", "bole": "boleh", "tra": "tidak", "trada": "tidak ada", "ka": "", "kaka": "",
    "de": "dia", "dorang": "mereka", "bapa": "bapak", "mama": "ibu",
    "lo": "kamu", "loe": "kamu", "km": "kamu", "bos": "atasan", "boss": "atasan",
    "kan": "kan", "dong": "", "sih": "", "deh": "", "nih": "", "loh": "", "lho": "", "kok": "",
    "yah": "", "ya": "", "tuh": "", "gan": "", "kak": "", "bro": "", "sis": "",
    # English chat
    "hubby": "husband", "wifey": "wife",
    # everyday verbs
    "pake": "pakai", "gapake": "tidak pakai", "gapakai": "tidak pakai", "gakpake": "tidak pakai", "bikin": "membuat", "bikinin": "membuatkan", "ngasih": "memberi",
    "kasih": "memberi", "dikasih": "diberi", "nyoblos": "mencoblos", "dicoblos": "dicoblos", "milih": "memilih", "dipilih": "dipilih",
    "nyalon": "mencalonkan diri", "nyaleg": "mencalonkan diri sebagai calon anggota legislatif",
    "nyabup": "mencalonkan diri sebagai calon bupati", "nyagub": "mencalonkan diri sebagai calon gubernur",
    "nyawalkot": "mencalonkan diri sebagai calon wali kota",
    "lgsg": "langsung", "lsg": "langsung", "lgs": "langsung", "pdhl": "padahal", "kmn": "ke mana", "dmn": "di mana",
    "td": "tadi", "ksh": "memberi", "yuk": "ayo", "yok": "ayo", "ayuk": "ayo", "skali": "sekali", "smua": "semua",
    "nyapres": "mencalonkan diri sebagai calon presiden", "ikutan": "ikut", "dateng": "datang", "dtg": "datang", "dgr": "dengar", "denger": "dengar", "dengerin": "mendengarkan", "nonton": "menonton",
    "diem": "diam", "nanggepin": "menanggapi", "nanggapin": "menanggapi", "ditanggepin": "ditanggapi",
    "ngajak": "mengajak", "ngumpulin": "mengumpulkan", "nyumbang": "menyumbang", "masang": "memasang",
    "nempel": "menempel", "nempelin": "menempelkan", "dukung": "mendukung", "ngedukung": "mendukung",
    "nyebarin": "menyebarkan", "nyebar": "menyebarkan", "bagiin": "membagikan",
    "nyuruh": "menyuruh", "disuruh": "disuruh", "ngancem": "mengancam", "diancem": "diancam",
    "nunjuk": "menunjuk", "nyopot": "mencopot", "ngelantik": "melantik", "mindahin": "memindahkan", "ngangkat": "mengangkat",
    "ngomong": "berbicara", "ngobrol": "berbicara", "nulis": "menulis", "ngirim": "mengirim",
    "kirim": "mengirim", "ngepost": "post", "ngeposting": "posting", "ngupload": "upload", "ngeshare": "share", "ngelike": "like", "ngefollow": "follow",
    "ngetag": "tag", "ngeretweet": "retweet", "ngerepost": "repost", "ngejoin": "join",
    "dilike": "like", "dishare": "share", "laporin": "melaporkan", "ngelaporin": "melaporkan", "meriksa": "memeriksa", "ngeriksa": "memeriksa", "meriksain": "memeriksa", "ngadu": "mengadu", "ngaduin": "mengadukan", "dilaporin": "dilaporkan", "nolak": "menolak", "nahan": "menahan",
    # election and office words
    "paslon": "pasangan calon", "cabup": "calon bupati", "cawabup": "calon wakil bupati",
    "cagub": "calon gubernur", "cawagub": "calon wakil gubernur", "cawalkot": "calon walikota",
    "cawawalkot": "calon wakil walikota", "capres": "calon presiden", "cawapres": "calon wakil presiden",
    "caleg": "calon anggota legislatif", "balon": "bakal calon", "bacalon": "bakal calon",
    "timses": "tim sukses", "pilkada": "pemilihan kepala daerah", "pileg": "pemilihan legislatif",
    "pilpres": "pemilihan presiden", "pemilu": "pemilihan umum", "kades": "kepala desa", "pilgub": "pemilihan kepala daerah",
    "pilbup": "pemilihan kepala daerah", "pilwalkot": "pemilihan kepala daerah", "pilwakot": "pemilihan kepala daerah",  # the office is named elsewhere if at all
    "pjs": "penjabat", "pj": "penjabat", "sekdes": "sekretaris desa", "kadus": "kepala dusun",
    "kasi": "kepala seksi", "kadis": "kepala dinas", "sekda": "sekretaris daerah",
    "pemda": "pemerintah daerah", "pemkab": "pemerintah kabupaten", "pemkot": "pemerintah kota",
    "p3k": "pppk", "nakes": "tenaga kesehatan", "bansos": "bantuan sosial", "apk": "alat peraga kampanye",
    "medsos": "media sosial", "ig": "instagram", "insta": "instagram", "fb": "facebook", "wa": "whatsapp",
    "walkot": "walikota", "wabup": "wakil bupati", "wagub": "wakil gubernur",
    "hukdis": "hukuman disiplin", "ngelanggar": "melanggar",
    "korpri": "korpri", "pak": "bapak", "bpk": "bapak", "tendik": "tenaga kependidikan", "bu": "ibu", "bokap": "ayah", "nyokap": "ibu saya", "brarti": "berarti",
    # English chat
    "hv": "have", "u": "you", "ur": "your", "bc": "because", "coz": "because", "cuz": "because", "b4": "before",
    "abt": "about", "shld": "should", "cud": "could", "wud": "would", "gonna": "going to", "wanna": "want to",
    "gotta": "have to", "pls": "please", "plz": "please", "hubby": "husband", "wifey": "wife",
}
_CONTRACTIONS = [
    (r"\bi'm\b", "i am"), (r"\bim\b", "i am"), (r"\bcan't\b", "cannot"), (r"\bwon't\b", "will not"),
    (r"\b(\w+)n't\b", r"\1 not"), (r"\b(\w+)'re\b", r"\1 are"), (r"\b(\w+)'ve\b", r"\1 have"),
    (r"\b(\w+)'ll\b", r"\1 will"), (r"\b(\w+)'d\b", r"\1 would"),
    # ...and as chat writes them, without the apostrophe ("he isnt ASN", "i dont campaign")
    (r"\b(is|are|was|were|does|do|did|has|have|had|should|could|would)nt\b", r"\1 not"), (r"\bcant\b", "cannot"),
]
_NGE = re.compile(r"\b(?:nge|di|ter)-(?P<w>[a-z]+)")  # "nge-like", "di-share": the loan word
_REDUP = re.compile(r"\b(?P<w>[a-z]{3,})2\b")  # "kampanye2" -> "kampanye kampanye"
_WORDS = re.compile(r"[a-z0-9']+|[^a-z0-9'\s]+")


# "I'm Pak Joko, head of Desa Sidomulyo", "Saya Yusuf, sekdes di ...": the asker's name between "I am" and their post
# says nothing of who they are (the post does), and it keeps the post from being read as the asker's: it is left out
# ("Nama saya Wulan, perawat PPPK", "My name is Ratna, a PPPK teacher": the same, said as one's name), and so is an age
# told after the name ("saya Hendra, 45 tahun, direktur ...", "I'm Budi, 52, head of ...")
_SELF_NAME = re.compile(r"\b(I am|I['\u2019]m|Saya|saya|Aku|aku|[Nn]ama saya|[Mm]y name is)\s+((?:(?:Pak|Bu|Bapak|Ibu|Mas|Mbak|Kak|Bang|Mr|Mrs|Ms|Dr|H|Hj)\.?\s+)?"
                        r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s*,\s*(?:\d{2}\s*(?:tahun|thn|th|years? old)?\s*,\s*)?")
_NAMED_AS = {"nama saya": "saya", "my name is": "I am"}


def _without_own_name(text: str) -> str:
    return _SELF_NAME.sub(lambda m: m[0] if _ACTOR_RX.search(m[2].lower()) else f"{_NAMED_AS.get(m[1].lower(), m[1])} ", text)


def normalise(text: str) -> str:
    """Lower case, chat spellings and English contractions written out: "aku blm PNS, gak
    boleh nge-like?" -> "saya belum pns , tidak boleh like ?"; the asker's own name left out,
    and the addressee a letter opens with."""
    t = _SCHOOL_FUND.sub("dana operasional sekolah", _without_own_name(_ADDRESSEE.sub("", text))).lower().replace("\u2019", "'")
    t = _GREETING.sub(r"\1 , ", t)
    for pat, rep in _CONTRACTIONS:
        t = re.sub(pat, rep, t)
    t = _NGE.sub(lambda m: m["w"], _BALLOT_NO.sub("nomor ", t))
    t = _REDUP.sub(lambda m: f"{m['w']} {m['w']}", t)
    t = _ABANG.sub("kakak", _KIN_CHAT.sub(lambda m: f"{m[1]} {_KIN_CHAT_WORD[m[2]]}", t))
    out: list[str] = []
    for w in _WORDS.findall(t):
        if len(w) > 2 and w[0] == w[-1] == "'":  # a word in quotes is the word: "an 'honorer'" (not a quoted sentence's ends)
            w = w[1:-1]
        # a quoted sentence's first or last word is read without its quote mark ("'jgn lupa coblos 02'")
        lead = trail = ""
        if (core := w.strip("'")) != w and core in CHAT:
            lead, trail, w = "'" * w.startswith("'"), "'" * w.endswith("'"), core
        rep = w if w in _AGENCY_AFTER_TO and out and out[-1] in _TO else CHAT[w] if w in CHAT else _suffixed(w)
        if rep or lead or trail:
            out.append(f"{lead}{rep}{trail}")
    return " ".join(out)


# A letter's addressee ("Yth. Kepala Bagian Hukum Setda.", "To the Head of the Legal Bureau.") is whom it is sent
# to, neither the asker nor the one asked about
_ADDRESSEE = re.compile(r"^\s*(?:(?:kepada\s+)?(?:yth\b\.?|yang terhormat)|to:?\s+(?:the\s+)?(?=head|chair|director|secretary|legal|personnel|inspector))"
                        r"[^.;:!?\n]{0,80}[.;:\n]", re.IGNORECASE)
# "no urut 2", "no. urut": the ballot number, not the English "no" that denies what follows
_BALLOT_NO = re.compile(r"\bno\s*\.?\s*(?=urut)")
# "BOS" in capitals or after "dana" is the schools' operational grant (Bantuan Operasional Sekolah), not "bos" (boss)
_SCHOOL_FUND = re.compile(r"(?i:\bdana bos)\b|\bBOS\b")
# a chat word that is also an agency's name is the agency after "to" ("lapor ke bkn": BKN, not "bukan")
_AGENCY_AFTER_TO = frozenset({"bkn"})
_TO = frozenset({"ke", "kepada", "di", "dari", "to", "at", "from", "with"})


# "bro" and "sis" are an address ("thanks bro") unless someone's: "my little bro", "our big sis"
_KIN_CHAT = re.compile(r"\b(my|our|his|her|little|younger|older|big|baby) (bro|sis)\b")
_KIN_CHAT_WORD = {"bro": "brother", "sis": "sister"}
# ... and "abang" is an elder brother when someone's ("abang gw polisi", "abangku"), not a way to address a man ("bang, ...")
_ABANG = re.compile(r"\babang(?=ku\b|\s+(?:saya|sy|aku|gw|gue|gua|kami)\b)")
# A chat that opens by addressing someone, with no comma ("pak sy PNS di dinkes ...", "bu saya guru"): a greeting, not "my
# father" (who is "bapak saya", "ayah saya")
_GREETING = re.compile(r"^\s*(pak|bu)\s+(?=(?:saya|sy|aku|gw|gue)\b)")
_KIN_WORDS = frozenset({"istri", "suami", "anak", "adik", "kakak", "ayah", "ibu", "bapak", "saudara", "ipar", "mertua"})
_SUFFIXES = ("nya", "ku", "mu", "'s")  # clitics a chat word takes as any other: "paslonnya", "timsesku", "the paslon's videos"


def _suffixed(w: str) -> str:
    """A chat word with a possessive clitic written out ("paslonnya" -> "pasangan calonnya";
    the stemmer takes the clitic off again); any other word as it is."""
    for suf in _SUFFIXES:
        base = w[: -len(suf)]
        if suf == "ku" and w.endswith(suf) and (kin := CHAT.get(base, base)) in _KIN_WORDS:
            return f"{kin} saya"  # "adekku" -> "adik saya": the relative, as the actor rules read one
        if w.endswith(suf) and len(base) >= 3 and CHAT.get(base):
            return CHAT[base] + suf
    return w


# ---------------------------------------------------------------------------- language

_EN = frozenset(
    "i me my we our you your he she it they the a an is are am was were be been can could may might must "
    "should would will do does did not no of to in on at for with from about if when what which who how why "
    "this that these those there their his her allowed ok okay any or and but just only also still".split()
)
_ID = frozenset(
    "saya kami kita kamu anda dia mereka yang dan di ke dari ini itu untuk dengan pada adalah tidak belum "
    "sudah bisa boleh bolehkah apakah apa kalau jika atau tapi juga karena sebagai seorang masih mau akan "
    "harus wajib ada jadi sama lagi saja bagaimana kenapa oleh bagi para nya kah".split()
)


def detect_language(text: str) -> str:
    """"en" or "id", by which language's function words the question uses more; ties
    (and questions with neither) are Indonesian."""
    words = normalise(text).split()
    en = sum(w in _EN for w in words)
    idn = sum(w in _ID for w in words)
    return "en" if en > idn else "id"


# ---------------------------------------------------------------------------- actors

# A state- or region-owned enterprise named in English, or by its short name
_ENTERPRISE = (r"(?:(?:(?:state|regional(?:ly)?|region|regency|city|province|provincial)(?: - | |-)owned|state electricity|state oil) "
               r"(?:enterprises?|compan(?:y|ies)|firms?|banks?|water compan(?:y|ies)|utilit(?:y|ies))|pdam|pln|pertamina|bumn|bumd)")
# One who holds a post in a political party, said of oneself (`_SELF_ONLY`: "pengurus partai minta saya ..." is someone
# else); a civil servant who also does is that servant (detect_actor)
_PARTY_POST = ("warga", r"pengurus (?:partai|parpol|dpc|dpd|dpw|ranting)|kader partai|party (?:officials?|cadres?|functionar(?:y|ies)|officers?)|"
                        r"(?:secretary|treasurer|chair(?:man|woman|person)?|head) of (?:a |the |our |my )?(?:[a-z]+ ){0,2}?(?:party|partai)")
# Ranks of soldiers and police: army enlisted and junior officers, then police ("Serka Dedi", "Bripka Yusuf")
_RANKS = (r"prada|pratu|praka|kopda|koptu|kopka|serda|sertu|serka|serma|pelda|peltu|letda|lettu"
          r"|bripda|briptu|brigpol|brigadir|bripka|aipda|aiptu|ipda|iptu|akp|kompol")
# (actor, pattern on normalised text), the more specific first: "calon pns" before "pns".
_ACTOR_TERMS: list[tuple[str, str]] = [
    # a candidate for the civil service (CPNS; in the 2023 law's words "calon ASN", CASN) is bound as a PNS is
    ("CPNS", r"cpns|casn|calon (?:pns|asn)|calon aparatur sipil negara|calon pegawai negeri(?: sipil)?|"
             # ("civil-servant candidate": a hyphen normalises to " - ")
             r"probationary civil(?: - | )servants?|civil(?: - | )servants? candidates?|"
             r"candidate civil(?: - | )servants?|prospective civil(?: - | )servants?|civil(?: - | )servants? on probation"),
    ("PPPK", r"pppk(?: paruh waktu)?|pegawai pemerintah dengan perjanjian kerja|"
             r"contract (?:civil servants?|government employees?|public servants?|teachers?|employees?|staff)|"
             r"government contract (?:employees?|workers?|staff)"),
    # honorary staff are no ASN (UU 5/2014 Pasal 6: ASN are PNS and PPPK): the ASN rules do not bind them
    ("honorer", r"(?:tenaga |guru |pegawai |staf )?honorer|non (?:- )?asn|honorary (?:\( [^)]{0,30}\) )?(?:[a-z]+ ){0,2}(?:teachers?|staff|workers?|employees?|clerks?|officers?|admins?|administrators?|assistants?|drivers?|librarians?)|"
                r"non[ -]civil[ -]servant (?:staff|workers?|employees?)"),
    # employees of state- or region-owned enterprises (BUMN/BUMD: PDAM, PLN, Pertamina, a regional bank) are no ASN;
    # the election laws name them apart (UU 7/2017 Pasal 280 ayat (2), UU 10/2016 Pasal 70 ayat (1) huruf a)
    ("karyawan-bumn", r"(?:karyawan|pegawai|staf|pekerja|petugas|teknisi|sopir|satpam|teller|kasir)(?: (?!dinas\b|negeri\b|pemda\b)[a-z]+){0,2}? (?:di |pada |untuk )?(?:bumn|bumd|pdam|perumda(?: air minum)?|perusda|pln|pertamina|"
                      r"badan usaha milik (?:negara|daerah)|perusahaan (?:milik )?(?:negara|daerah))|kerja di (?:pdam|pln|pertamina|bumn|bumd)|"
                      rf"(?:(?:employees?|workers?|staff|staffers?|technicians?|engineers?|tellers?|cashiers?|clerks?) (?:of|at|in|for)|work(?:s|ing)? (?:at|for|in)) "
                      rf"(?:a |an |the |our )?(?:\S+ ){{0,3}}?{_ENTERPRISE}|{_ENTERPRISE}(?: \))? (?:employees?|workers?|staff|staffers?)|"
                      # the work told, then whose it is: "I read water meters for PDAM", "I fix power lines for PLN"
                      rf"(?:read|fix|repair|install|check|collect|driv|clean|guard|maintain|operat|handl|servic)[a-z]* (?:[a-z]+ ){{0,3}}?"
                      rf"(?:for|at) (?:the |a |our )?(?:[a-z]+ ){{0,2}}?{_ENTERPRISE}|"
                      # ... or who holds a post in one ("direktur PDAM", "a director of a state-owned enterprise")
                      rf"(?:direktur|direksi|komisaris|manajer|director|commissioner|board member|manager)(?: utama| umum| keuangan)?"
                      rf"(?: (?:of|at|in|di|pada))? (?:a |an |the |our )?(?:\S+ ){{0,2}}?{_ENTERPRISE}"),
    ("kepala-desa", r"(?:penjabat )?kepala desa|village heads?|village chiefs?|village leaders?|heads? of (?:the |a |my |our )?(?:[a-z]+ )?village|heads? of desa"),
    ("perangkat-desa", r"perangkat desa|sekretaris desa|kepala dusun|kepala urusan|kaur|kepala seksi (?:[a-z]+ ){0,2}?(?:di |pada )?desa\b|"
                       r"village (?:apparatus|officials?|secretar(?:y|ies)|staff|officers?|treasurer|clerks?)|"
                       r"village (?:government|administration|office) (?:staff|employees?|officials?|workers?)|hamlet heads?"),
    # an acting head (penjabat, "Pj", or Plt) is a senior civil servant appointed to the office, not an elected
    # head: bound as ASN, and by the office's bans on favouring a candidate (UU 10/2016 Pasal 71 names "penjabat")
    ("pejabat-asn", r"(?:penjabat|plt|pelaksana tugas) (?:wakil )?(?:bupati|wali ?kota|gubernur|kepala daerah)|"
                    r"(?:acting|interim|penjabat|plt) (?:deputy |vice )?(?:regents?|mayors?|governors?|regional heads?)|"
                    # ... named by that alone, once told ("Can the Pj go ahead?")
                    r"penjabat(?![\s()]*(?:penjabat[\s()]*)?(?:kepala desa|kades|desa)\b)"),
    ("kepala-daerah", r"(?:wakil )?bupati|(?:wakil )?wali ?kota|(?:wakil )?gubernur|kepala daerah|petahana|"
                      r"incumbents?|(?:(?:deputy|vice) (?:- )?)?(?:regents?|mayors?|governors?)|regional heads?"),
    ("pejabat-negara", r"(?:wakil )?menteri|(?:wakil )?presiden|pejabat negara|(?:(?:deputy|vice) (?:- )?)?ministers?|(?:vice (?:- )?)?president|"
                       r"state officials?|"
                       r"cabinet members?|political appointees?|"
                       # members of the DPR and DPD are state officials (UU 5/2014 Pasal 122 huruf c, d); a candidate for them is not
                       r"anggota (?:dpr|dpd)(?: ri)?|(?:dpr|dpd)(?: ri)? members?|members? of (?:the )?(?:dpr|dpd|house of representatives)|"
                       r"(?:sits?|sitting|serves?|serving|a seat) in (?:the )?(?:dpr|dpd|house of representatives|parliament)|duduk di (?:dpr|dpd)(?: ri)?|"
                       # ... named as lawmakers ("a member of parliament", "anggota dewan", "wakil rakyat di DPR")
                       r"members? of (?:the )?(?:national )?parliament|(?:national )?parliamentarians?|anggota dewan(?! (?:guru|pengawas|komisaris|direksi|masjid|pembina|kehormatan))|wakil rakyat"),
    ("pejabat-asn", r"camat|lurah|sekretaris daerah|sekretaris (?:kecamatan|camat|kelurahan|lurah)|sekcam|"
                    r"(?:sub (?:- )?district|subdistrict) secretary|kepala dinas|kepala badan|kepala opd|kepala bagian|kepala bidang|kepala seksi|"
                    r"kepala sub ?bagian|atasan langsung|atasan|pejabat struktural|pejabat eselon|pejabat pimpinan tinggi|"
                    # the head of a state school or health centre, over its teachers or health workers (not a private school's)
                    r"(?:kepala sekolah|kepsek)(?! swasta)|kepala puskesmas|kapus|headmaster|headmistress|head teacher|school principal|"
                    r"(?:our|my|the) principal(?= (?:told|asked|ordered|wants|said|is|was|has|had|made|sent|announced)\b)|heads? of (?:the |our |a )?(?:state |public )?(?:school|health cent(?:re|er)|puskesmas)|"
                    r"(?:direct |immediate )?(?:superior|supervisor)|section heads?|(?:sub (?:- )?)?district heads?|subdistrict heads?|"
                    r"heads? of (?:the |a |our |my )?(?:sub (?:- )?district|subdistrict|(?:[a-z]+ ){0,3}(?:agency|department|office|division|bureau))|agency heads?|"
                    r"department heads?|regional secretary|echelon (?:i|ii|iii|iv|[1-4]) officials?|structural officials?"),
    ("TNI-Polri", r"anggota (?:tni|polri)(?: (?:al|ad|au))?|tni|polri|prajurit|tentara|polisi|polwan|anggota kepolisian|babinsa|bhabinkamtibmas|soldiers?|military officers?|"
                  # the services by name ("anggota AL di lantamal", "marinir")
                  r"anggota (?:al|ad|au)|angkatan (?:laut|darat|udara)|marinir|lantamal|kodim|koramil|polres|polsek|brimob|"
                  r"(?:army|navy|air force) (?:soldiers?|officers?|personnel|members?|doctors?|medics?|nurses?|pilots?|chaplains?|engineers?)|(?:(?:army|navy|air force|police) )?(?:sergeants?|corporals?|lieutenants?|colonels?)|(?:in|joined) the (?:army|navy|air force|military)|"
                  r"(?:majors?|captains?|generals?|brigadiers?|privates?) (?:in|of) the (?:army|navy|air force|military|police)|"
                  r"police(?: officers?)?|policem[ae]n|cops?|members? of the (?:armed forces|police|military)|"
                  # a rank told with the name ("Saya Bripda Anton", "Serka Budi"); not "kapten", a ship's captain too
                  rf"{_RANKS}|akbp|bharada|bharatu|bharaka"),
    ("penyelenggara", r"anggota kpu|anggota bawaslu|panwaslu|panwascam|kpps|pantarlih|pengawas tps|petugas tps|"
                      r"penyelenggara pemilu|penyelenggara pemilihan|election (?:officials?|officers?|commissioners?|"
                      r"supervisors?|workers?)|poll(?:ing station)? (?:workers?|officers?)"),
    ("PNS", r"pns|pegawai negeri(?: sipil)?|abdi negara|civil (?:- )?servants?|public (?:- )?servants?|government employees?|"
            r"state employees?|government workers?"),
    ("ASN", r"asn|aparatur sipil negara|aparatur negara"),
    # who leads a campaign team answers as its organiser, bound by the campaign rules for candidates,
    # organisers and teams (UU 10/2016 Pasal 70, UU 7/2017 Pasal 280), not as a private citizen
    ("calon", r"(?:ketua|koordinator|manajer|pimpinan) tim (?:kampanye|sukses|pemenangan)|"
              r"campaign (?:managers?|chiefs?|coordinators?|team (?:leaders?|chiefs?|coordinators?))"),
    ("warga", r"warga biasa|masyarakat (?:biasa|umum)|rakyat biasa|orang biasa|karyawan swasta|pegawai swasta|"
              r"wiraswasta|ibu rumah tangga|private (?:- )?(?:citizens?|sector|company employees?|employees?)|"
              r"ordinary (?:citizens?|people|person)|housewife|homemaker|stay (?:- )?at (?:- )?home (?:mom|mum|mother|wife|parent|dad)|self employed|"
              # a trade of one's own ("saya petani biasa", "I'm a fisherman"); one who also serves is that servant (detect_actor)
              r"petani|nelayan|pedagang|peternak|pekebun|buruh tani|farmers?|fisherm[ae]n|market traders?|shopkeepers?|stall holders?|"
              r"businessm[ae]n|businesswom[ae]n|entrepreneurs?|(?:own|run) (?:a|an|my own|our own) (?:small |family )?(?:private )?(?:company|firm)|"
              r"(?:shop|store|stall|business|warung|cafe|restaurant) owners?|"
              # ... or a business of one's own ("I run a small print shop", "saya punya usaha percetakan")
              r"(?:run|own) (?:a|an|my own|our own) (?:small |little |family )?(?:[a-z]+ (?:- [a-z]+ )?){0,2}?(?:shop|store|business|stall|warung|restaurant|cafe|workshop|kiosk|"
              r"bakery|salon|laundry|boutique|pharmacy|print shop|garage|farm)|"
              r"punya (?:usaha|toko|warung|bengkel|percetakan|kios)|buka (?:usaha|toko|warung)|"
              # a PNS who has retired is no longer ASN (UU 5/2014 Pasal 87 ayat (1) huruf c)
              r"retired from (?:the )?(?:civil|public) service|(?:sudah |telah |baru )?pensiun (?:dari |sebagai )?(?:pns|asn|pegawai negeri)|"
              r"work(?:s|ing)? (?:at|in|for) a private (?:company|firm|business|bank|factory|plantation)|kerja di (?:perusahaan |bank |pabrik )?swasta|"
              # ... or heads one ("direktur sebuah PT percetakan swasta", "the owner of a private bus company")
              r"(?:direktur|pemilik|manajer|komisaris) (?:(?:sebuah|di) )?(?:pt|cv|perusahaan)(?: [a-z]+){0,2}? swasta|"
              r"(?:director|owner|manager) of a private (?:[a-z]+ ){0,2}?(?:company|firm|business|bank|factory)|"
              # ... or works in a government office for a vendor that hires them out (outsourcing): a private employee
              r"(?:satpam|sopir|petugas kebersihan|cleaning service|tenaga|pekerja|karyawan|staf) (?:outsourcing|outsource|alih daya)|"
              r"outsourced (?:[a-z]+ ){0,2}?(?:guards?|drivers?|cleaners?|staff|workers?|employees?)|"
              r"(?:guard|cleaner|driver|worker|employee) (?:hired|employed|paid) (?:through|by|via) (?:a|an|the) (?:private )?(?:vendor|contractor|outsourcing (?:firm|company|agency))"),
    _PARTY_POST,
]
_SELF_ONLY = {_ACTOR_TERMS.index(_PARTY_POST)}  # the terms that name an actor only as the asker's own
_ACTOR_RX = re.compile("|".join(f"(?P<a{i}>\\b(?:{p})\\b)" for i, (_, p) in enumerate(_ACTOR_TERMS)))

# The words that say one has left the service ("pensiunan PNS", "a retired civil servant"); kb.elements reads them too
FORMER = r"(?:pensiunan|purnawirawan|purnatugas|mantan|bekas|eks|retired|former|ex)"
_FORMER_BEFORE = re.compile(rf"\b{FORMER}\s+(?:(?:as|sebagai)\s+(?:an?\s+|seorang\s+)?|\S+\s+)?$")  # "retired as a PNS"
_FILLER = (
    rf"(?:{FORMER}|seorang|sebagai|selaku|masih|cuma|hanya|baru|sudah|sekarang|juga|ini|adalah|jadi|menjadi|menjabat|his|her|their|"
    # ... and the chat particles that stand between ("sy kan pppk", "aku nih PNS")
    r"kan|nih|tuh|sendiri|sama sama|both|myself|ourselves|are|on|active|aktif|one|salah satu|sitting|current|incumbent|elected|"
    r"bekerja|kerja|yang|itu|para|a|an|the|just|only|still|currently|now|also|am|was|work|working|as|employed|diangkat|appointed|"
    r"serving|been|guru|dosen|bidan|perawat|dokter|staf|staff|pegawai|tenaga|kependidikan|kesehatan|pendidik|kontrak|"
    r"administrasi|teacher|lecturer|nurse|doctor|midwife|officer|employee|worker|contract|administrative|clerk|anggota|member|of|"
    # a grade or a body before the service ("saya perwira Polri aktif", "I'm a cabinet minister")
    r"perwira|bintara|tamtama|personel|personil|cabinet|senior|junior|\(|,|"
    # ... or the term one serves ("I'm a second-term governor", "a newly elected mayor")
    r"newly|recently|first|second|third|two|term|-)"
)
# "saya" / "kami" as a subject (after the start, punctuation or a conjunction; "atasan saya"
# is a possessive), "I" / "we" / "for us" ("is it OK for us PNS nurses"; not "he told us contract staff": his
# addressees), or "as a" / "sebagai", then only filler words before the actor.
_SELF = re.compile(
    r"(?:(?:^|[.,;:!?(]\s*|\b(?:dan|tapi|namun|karena|kalau|jika|apakah|bolehkah|sedangkan|sementara|bahwa|kan|berarti|jadi|maka|soalnya|"
    rf"halo|hai|pak|bu|bapak|ibu|min|admin|mas|mbak|bang|kak|pagi|siang|sore|malam|"
    # ... or a time already come ("tahun lalu saya pensiun", "sekarang saya PPPK")
    r"lalu|kemarin|sekarang|kini|tadi)\s+)(?:saya|kami)|\b(?:i|we|(?:for|of|among) us)\b|\bas (?:an?|the)\b|(?:^|[.,;:!?]\s*)as\b|\bsebagai\b|\bselaku\b)"
    rf"(?:\s+{_FILLER})*\s*$"
)
_NEGATED = re.compile(
    r"(?<!\bdo )(?<!\bdoes )(?<!\bdid )(?<!\bcan )(?<!\bcould )(?<!\bshould )(?<!\bwould )(?<!\bwill )(?<!\bmay )"
    r"(?<!\bmust )\b(?:bukan|belum|non|not|no longer|never)\s+"
    r"(?:(?:seorang|a|an|lagi|diangkat|jadi|menjadi|sebagai|yet|the|resmi|officially|appointed|as)\s+){0,3}"
    # ... and the rest of a list it negates: "not a civil servant, PPPK or village official", "bukan PNS, PPPK, atau perangkat desa"
    r"(?:(?:(?!(?:saya|aku|kami|i|we|but|tapi|melainkan|hanya|cuma|just|only|and|dan)\b)[a-z]+\s*){1,3}(?:,|\bor\b|\bnor\b|\batau\b|\bmaupun\b|\bataupun\b)\s*){0,3}$"
)
_OBJECT_BEFORE = re.compile(
    r"\b(?:calon|pasangan calon|bakal calon|kandidat|candidates?|kampanye|campaign|tim|tim sukses|pendukung|"
    r"relawan|dari|oleh|ke|kepada|atas|atasan|by|to|from|against|of|supporting|support|mendukung|memilih|"
    r"vote for|voting for|disuruh|diminta|diperintah|diperintahkan|diajak|diancam|ditekan|dipaksa|rumah|"
    r"kantor|mobil|acara|with|dengan|bersama|sama|met|meet|ketemu|bertemu)\s*$"
)
_OBJECT_AFTER = re.compile(r"^\s*(?:candidates?|'s|s\b|team|pair)\b")
_ELECTION_AFTER = re.compile(r"^\s*(?:race|elections?|contest)\b")  # "the governor race": an office run for, no person
_CANDIDATE_AFTER = re.compile(r"^\s*candidates?\b")  # "a vice-mayor candidate": an office run for, not one held
# ... and so is the office named after running ("kakak saya yang mencalonkan diri sebagai anggota DPR RI", "running for regent")
_RUN_FOR = re.compile(r"\b(?:mencalonkan diri|dicalonkan|maju|running|runs|ran|run|standing|stands|stood)"
                      r" (?:sebagai|menjadi|jadi|for|as)(?: (?:a|an|the|calon))?\s*$")
# the verbs of ordering, asking or gathering others (`_AGENT_AFTER`, `_ORDERS_OTHERS`)
_ORDER_VERBS = (r"menyuruh|memerintahkan|meminta|mengajak|mengancam|memaksa|menekan|mengarahkan|mengumpulkan|mewajibkan|"
                r"asks?|asked|orders?|ordered|tells?|told|pressur(?:es|ed)|threaten(?:s|ed)|instructs?|instructed|forces?|forced")
_AGENT_AFTER = re.compile(rf"^\s*(?:\S+\s+){{0,2}}?(?:{_ORDER_VERBS}|wants (?:me|us))\b")
# Words that may stand before the subject of a question ("Apa sanksi bagi PNS ...", "Is it
# allowed for a village head to ...", "Bolehkah kepala desa ...").
_HEAD_WORDS = frozenset(
    "apakah bolehkah bisakah dapatkah haruskah wajibkah boleh bisa dapat apa sanksi hukuman hukumannya "
    "sanksinya ancaman kalau jika bila seandainya misal misalnya bagi untuk para seorang sebagai yang "
    "bagaimana gimana can may could is are does do should must would will if what whats when whether "
    "suppose for a an the it ok okay allowed legal permitted penalty punishment sanction sanctions any "
    "who which how why kenapa mengapa not cannot tidak bukankah memang my our your to happens happen there rules rule "
    "law under anggota guru dosen bidan perawat dokter pegawai staf tenaga teacher "
    "lecturer nurse doctor midwife officer cabinet sitting serving current active "
    "mantan pensiunan purnawirawan bekas eks retired former ex one of salah satu "  # "a retired civil servant ...": a former one (warga)
    # a chat's greeting before it ("min, pns boleh ...?"), a title ("pak bupati"), what the question
    # asks about is their act ("apakah tindakan pak kades ini melanggar hukum?")
    "min admin kak mas mbak bang halo hai hi hello , bapak ibu pak bu mr mrs ms tindakan perbuatan perilaku sikap "
    # ... or the level of government the office is of ("a provincial governor who ...", "a city mayor")
    "provincial regency city district municipal "
    # ... or a chat's interjection ("wait, is the sitting president allowed ...?")
    "wait hmm um eh btw so "
    # ... or how long the office has been held ("new mayor sworn in 2 months ago ...")
    "new newly incoming outgoing "
    # ... or words that announce the question's topic ("Question about a minister who ...", "mau tanya soal kades ...")
    "question quick about regarding pertanyaan mau ingin izin numpang tanya nanya soal tentang mengenai terkait "
    # ... or a letter's request ("Mohon penjelasan apakah Bupati diperbolehkan ...", "kindly advise whether the regent may ...")
    "mohon penjelasan petunjuk arahan pendapat konfirmasi klarifikasi menanyakan kindly please advise clarify confirm".split()
)
_SENTENCE = re.compile(r"[.?!;:]")  # where a sentence (or clause) of a question ends
_ASKING_SENTENCE = re.compile(r"[^.?!;:]*\?")  # a sentence that asks: it ends at a "?"
_FIRST_PERSON_ANY = re.compile(r"\b(?:saya|kami|kita|i|me|my|we|our|mine)\b")
_KIN_EN = r"wife|husband|son|daughter|brother|sister|father|mother|dad|mum|mom|parents?|spouse|grand(?:father|mother|pa|ma|dad|mum)|uncle|aunt|cousin|nephew|niece"
_KIN_ID_CLOSE = r"istri|suami|anak|adik|kakak"  # the relatives a question names with their work ("anak saya karyawan swasta")
_KIN_ID = rf"{_KIN_ID_CLOSE}|ibu|ayah|bapak|orang tua|kakek|nenek|paman|om|tante"  # ... and the parents and elders
# The words that name someone other than the asker in an Indonesian sentence that opens with "saya": what an asker
# who tells of themselves later in that sentence names no one with ("saya ... sudah pensiun", "saya ... ditetapkan KPU
# sebagai calon"); and not "my father's" ("ayah saya sudah pensiun": the father has retired, not the asker)
_OTHERS = ("ayah", "ibu", "bapak", "suami", "istri", "anak", "kakak", "adik", "saudara", "keponakan", "mertua", "paman", "om",
           "tante", "kakek", "nenek", "teman", "rekan", "atasan")
_NOT_KIN_OF = "".join(rf"(?<!\b{k} )" for k in _OTHERS)
# A name between commas after a relative: "my father, Pak Harun, ...", "ayah saya, Pak Yusuf, ..."
_NAMED = r"(?:\s*,[^,.;:!?]{1,30},)?"
_RELATIVE_WARGA = re.compile(
    r"\b(?:istri|suami|anak|adik|kakak|ayah|ibu|bapak|orang tua|saudara|keluarga|ipar|mertua|wife|husband|son|"
    r"daughter|brother|sister|father|mother|parents?|spouse|relative|family member)\b(?:\s+(?:saya|my|kami))?"
    r"(?:\s+\S+){0,5}?\s+\(?\s*(?:bukan|tidak|not|non)\s+(?:a\s+|an\s+|seorang\s+)?"
    r"(?:pns|asn|pegawai negeri|civil servants?|public servants?|government employees?)"
    rf"|\b(?:my|saya)\s+(?:{_KIN_EN}|{_KIN_ID_CLOSE})\b(?:\s+\S+){{0,3}}?\s+(?:works? (?:at|in|for) a private|"
    r"karyawan swasta|ibu rumah tangga|housewife|homemaker|wiraswasta|runs? (?:a|an|his|her|our) (?:\S+ ){0,2}?(?:business|shop|stall|company|bakery|restaurant|cafe|warung|farm|workshop|"
    r"centre|center|firm|clinic|salon|studio|store|factory|garage)|"
    r"(?:has|have) no (?:government|state|civil service|public) (?:job|post|position))"
    # ... or told as a student or as one with no government job ("my son is 21, a university student with no government job")
    rf"|\b(?:my|saya)\s+(?:{_KIN_EN}|{_KIN_ID_CLOSE})\b(?:\s+(?!(?:pns|asn|cpns|pppk|civil|public|polisi|police|tni|army|soldier|teacher|guru|dosen|lecturer)\b)\S+){{0,6}}?\s+(?:(?:with|has|have|having) no (?:government|state|civil service|public) (?:job|post|position)|"
    r"(?:a |an )?(?:university |college |high school |secondary school )?student\b|mahasiswa|pelajar|masih kuliah|masih sekolah)"
    rf"|\b(?:{_KIN_ID_CLOSE})\s+saya\s+(?:\S+\s+){{0,3}}?(?:\(\s*)?(?:(?:karyawan|pegawai|kerja di|bekerja di)(?:\s+\S+){{0,2}}?\s+swasta|ibu rumah tangga|wiraswasta)"
    # a relative who has retired from the service ("my dad retired from PNS last year", "ayah saya sudah pensiun",
    # "my father, Pak Harun, retired in 2022")
    rf"|\b(?:my|saya)\s+(?:{_KIN_EN}|{_KIN_ID})\b{_NAMED}(?:\s+[^\s.;:!?]+){{0,2}}?\s+(?:retired|has retired|pensiun|purnatugas|purna tugas|"
    r"(?:has )?left the (?:civil )?service|(?:has )?(?:reached|hit) (?:the |his |her )?(?:retirement|pension) age)\b"
    # ... told after what they were or where they worked ("my father, Pak Darmawi, was camat for years and retired
    # last year", "my father worked at the education office for 32 years and retired in March")
    rf"|\b(?:my|saya)\s+(?:{_KIN_EN}|{_KIN_ID})\b{_NAMED}\s+(?:was|worked|served|taught|dulu|dulunya|bekerja|kerja|mengabdi|mengajar)\b[^.;:!?]{{0,90}}?\b(?:and|lalu|dan|until|till|til|sampai|hingga) (?:he |she |dia |beliau )?(?:has |sudah |telah )?(?:retired|pensiun|purnatugas|(?:reached|hit) (?:the |his |her )?(?:retirement|pension) age|left the (?:civil |public )?service)\b"
    # (... with the post between, "Bapak saya dosen PNS, pensiun BUP bulan lalu"; not "belum pensiun", "akan pensiun")
    rf"|\b(?:{_KIN_ID})\s+saya{_NAMED}\s+(?:(?!(?:tidak|belum|akan|mau|menjelang|jelang|persiapan|bakal|segera)\b)\S+\s+){{0,3}}?"
    r"(?:pensiun|pensiunan|purnatugas|purna tugas|purnawirawan)\b(?!\s+(?:\S+\s+)?(?:depan|nanti|lagi))"
    # ... or told as a former civil servant, or as one who has left the service to run ("om saya mantan PNS, sudah mundur",
    # "my uncle is a former civil servant", "my father resigned from the civil service when KPU set him as a candidate")
    rf"|\b(?:{_KIN_ID}|paman|om|tante|sepupu|keponakan)\s+saya{_NAMED}\s+(?:\S+\s+){{0,2}}?{FORMER}\s*-?\s*(?:pns|asn|pegawai negeri|aparatur)\b"
    rf"|\b(?:my|our)\s+(?:{_KIN_EN})\b{_NAMED}\s+(?:is|was)\s+(?:an?\s+)?{FORMER}\s*-?\s*(?:pns|asn|civil servant|public servant|government employee)\b"
    rf"|\b(?:my|our)\s+(?:{_KIN_EN})\b{_NAMED}\s+(?:has\s+|had\s+)?(?:resigned|quit) (?:from )?(?:the |his |her )?(?:civil service|pns|asn)\b"
    rf"|\b(?:{_KIN_ID})\s+saya{_NAMED}\s+(?:dulu|dulunya|bekerja|kerja|mengabdi)\b[^.;:!?]{{0,60}}?\b(?:lalu|dan|sampai|hingga) (?:dia |beliau )?(?:sudah |telah )?(?:pensiun|purnatugas)\b"
    # ... or someone named who has ("Pak Harun retired last year as head of the port office", "Bu Sri sudah pensiun",
    # "a colleague, Pak Joko, retired in March")
    # ... or after what they were ("Pak Harun dulu PNS di Dinas Perkebunan, pensiun tahun 2021")
    r"|\b(?:bapak|ibu|mr|mrs|ms)\s+(?!(?:kan|sih|saya|aku|kami|juga|sudah|telah|baru|mau|akan|yang|itu|ini)\b)[a-z]+\s*,?\s+(?:(?:has|had|sudah|telah|baru)\s+|(?:dulu|dulunya|was|used to be|formerly)\b[^.;:!?]{0,60}?\b)?"
    r"(?:retired|pensiun|purnatugas)\b"
)
# "calon" followed by what names no elected office: a candidate for the civil service, a witness, a pupil or a teacher
_NO_OFFICE_AFTER = "pns|asn|pegawai|aparatur|saksi|siswa|mahasiswa|guru"
# The asker is a candidate for elected office ("saya calon bupati", "I'm a DPRD candidate"): bound by the
# campaign rules for candidates and their teams (actor `calon`: UU 10/2016 Pasal 70, UU 7/2017 Pasal 280),
# and by those for anyone; a permission written for private citizens does not answer them.
_SELF_CANDIDATE = re.compile(
    r"(?:^|[.,;:!?]\s*|\b(?:dan|tapi|karena)\s+)(?:saya|kami|i am|we are)\s+(?!(?:not|bukan|tidak|belum|never)\b)(?:(?:seorang|sebagai|a|an|the|sudah|resmi|"
    r"salah satu|one of the)\s+)*(?:bakal\s+)?(?:(?:pasangan\s+)?calon"
    rf"(?!\s+(?:{_NO_OFFICE_AFTER}))|caleg|"
    r"(?:[a-z]+\s+){0,2}candidates?\b(?!\s*'|\s+(?:civil|public|pns|asn|for the civil)))"
    # ... or told as set by KPU later in the sentence ("saya anggota DPRD dari sebuah partai dan sudah ditetapkan KPU sebagai
    # calon bupati"), with no one else named between
    r"|(?:^|[.,;:!?]\s*)(?:saya|aku|i am)\b(?:(?!\b(?:" + "|".join((*_OTHERS, "my", "his", "her", "he", "she", "dia", "beliau")) + r")\b)[^.;:!?]){0,80}?"
    r"\b(?:ditetapkan|didaftarkan|terdaftar|dicalonkan|been (?:set|confirmed|registered)|was (?:set|confirmed|registered))"
    rf"(?: oleh)?(?: kpu)? (?:sebagai|jadi|menjadi|as) (?:an? )?(?:bakal )?(?:pasangan )?(?:calon|candidate)\b(?!\s+(?:{_NO_OFFICE_AFTER}))"
    # a campaign team speaking as one ("Kami tim kampanye paslon ...", "We are the campaign team of ...")
    r"|(?:^|[.,;:!?]\s*)(?:kami|we are)\s+(?:(?:the|a)\s+)?(?:tim (?:kampanye|sukses|pemenangan)|campaign team)\b"
    # ... or one of its members telling so ("I'm on the campaign team of a mayoral pair", "saya anggota tim kampanye paslon",
    # a chat's "sy tim kampanye paslon bupati")
    r"|(?:^|[.,;:!?]\s*)(?:i am|saya|aku)\s+(?:(?:on|in|part of|a member of|anggota|relawan(?: di)?|bagian dari|di)\s+(?:(?:the|a|our|his|her)\s+)?"
    r"(?:[a-z]+\s+)?)?(?:tim (?:kampanye|sukses|pemenangan)|campaign team)\b(?![^.;:!?]*\b(?:pns|asn|pppk|cpns|civil servants?)\b)"
    # ... or introduced as such ("campaign team here.", "our legislative campaign team will ...", "our paslon team gives ...")
    r"|(?:^|[.,;:!?]\s*)(?:(?:tim (?:kampanye|sukses|pemenangan)|campaign team)\s+here\b|our\s+(?:[a-z]+\s+){0,2}?(?:campaign|paslon|pasangan calon|pair|candidate)(?:\s*'s)?\s+team\s+"
    r"(?:will|is|are|has|have|plans?|wants?|gives?|gave|serves?|provides?|holds?)\b)"
)
# "Is she right?", "apakah dia benar?" ask whether what someone said is so, not about an act of theirs: after the
# pronoun, no word of judging a claim
_NOT_A_CLAIM = r"(?! (?:right|correct|wrong|true)\b)"
_NOT_A_CLAIM_ID = r"(?! (?:benar|betul|salah)\b)"
# The question asks what another person may do ("is she allowed", "bolehkah dia"), not the asker.
_ASKS_OF_OTHER = re.compile(
    rf"\b(?:is|can|may|could|should|must) (?:she|he|they)\b{_NOT_A_CLAIM}|\b(?:is|are) (?:she|he|they) (?:allowed|permitted|free)\b|"
    rf"\b(?:boleh|bolehkah|bisa|bisakah|apakah|apa)(?: tidak)? (?:dia|beliau|mereka|(?:{_KIN_ID}) saya)\b|"
    rf"\b(?:dia|beliau|(?:{_KIN_ID}) saya|istri|suami|anak) (?:boleh|bisa|dilarang|diperbolehkan|melanggar)\b|"
    rf"\b(?:is|was|does|did) my (?:{_KIN_EN}) (?:doing|allowed|permitted|breaking|break|breach|violat\w*|committing)\b|"
    # ... or says the act is theirs to decide ("so that's her private time, right?", "itu kan hak pribadi dia?")
    r"\b(?:that's|that is|it's|it is|is that|isn't that|isn't it) (?:his|her|their) (?:own |private |free |personal )?(?:time|right|business|choice|life)\b|"
    r"\b(?:hak|urusan|waktu) (?:pribadi )?(?:dia|beliau)\b|"
    # ... or whether they are safe from it ("jadi aman kan buat suami?", "she's safe, right?")
    rf"\b(?:aman|selamat)(?: kan| dong| saja| aja)? (?:buat|bagi|untuk) (?:dia|beliau|(?:{_KIN_ID})(?: saya)?)\b|"
    r"\b(?:she|he)(?:'s| is| was) (?:safe|fine|okay|ok|in the clear|off the hook)\b|"
    # ... or whether the asker's own status makes trouble for them ("does my status cause problems for him?")
    rf"\bmy (?:pns |asn |civil[- ]servant |civil[- ]service |government )?(?:status|job|position|post)\b[^.?!;]{{0,40}}?"
    rf"\b(?:problems?|trouble|issues?) for (?:him|her|them|my (?:{_KIN_EN}))\b|"
    # ... or keeps them from acting ("does my status stop her from giving it?", "status PNS saya melarang istri?")
    rf"\bmy (?:pns |asn |civil[- ]servant |civil[- ]service |government )?(?:status|job|position|post)\b[^.?!;]{{0,40}}?"
    rf"\b(?:stops?|bars?|prevents?|keeps?|restricts?|limits?|binds?|covers?) (?:him|her|them|my (?:{_KIN_EN}))\b|"
    rf"\bstatus (?:pns |asn )?(?:saya|aku)\b[^.?!;]{{0,40}}?\b(?:melarang|menghalangi|membatasi|mengikat|berlaku (?:juga )?(?:untuk|bagi|ke)) "
    rf"(?:dia|beliau|(?:{_KIN_ID})(?: saya)?)\b|"
    # ... or of what they said or did ("Apakah ucapan suami saya itu termasuk pelanggaran?", "Was my husband's speech a breach?")
    rf"\b(?:ucapan|perkataan|omongan|tindakan|perbuatan|postingan|unggahan|kelakuan|sikap) (?:{_KIN_ID}) (?:saya|aku|kami)(?: (?:itu|ini|tadi))?"
    r" (?:termasuk|melanggar|boleh|dilarang|salah|bermasalah)\b|"
    rf"\b(?:is|was) my (?:{_KIN_EN})'s (?:words?|speech|remarks?|comments?|posts?|acts?|actions?|conduct|behaviou?r)\b|"
    # ... or of someone named ("Apakah Pak Harun memang melanggar?", "Is Mr Hadi breaking the rules?"), not an office
    r"\b(?:apakah|apa|bolehkah|is|can|may|did|has) (?:bapak|ibu|mr|mrs|ms) (?!bupati|gubernur|wali|camat|kepala|lurah|menteri|sekda|presiden|"
    r"regent|governor|mayor|minister|head)[a-z]+ (?:(?:memang|benar|juga|really|also) )?"
    r"(?:melanggar|boleh|bisa|dilarang|allowed|permitted|breaking|breached|in breach|violat\w*)\b"
)
# ... or asks whether it is the asker, not the one who acts, who is liable ("itu tidak apa apa kan? atau saya yang kena?")
_ASKER_LIABLE = re.compile(
    r"\batau (?:saya|aku) yang (?:bisa |bakal |akan |malah )?(?:kena|disanksi|dihukum|bermasalah)\b"
    r"|\bor (?:will|would|could|do|am) i (?:be the one (?:who gets? )?|get |be )(?:in trouble|punished|sanctioned|disciplined)\b"
)
# ... or whether what they do gets them (and the asker) in trouble: "will this get him, or me, into trouble?"
_TROUBLE_FOR_THEM = re.compile(r"\b(?:get|put|land) (?:him|her|them)(?: , (?:or|and) me ,)? (?:in|into) trouble\b")
_BECAUSE_ID = r"gara(?: - | )gara|karena|akibat"
# ... or whether the asker answers for what a relative did ("bisa kena sanksi gara-gara suami?", "because of my husband")
_FOR_KIN = re.compile(
    rf"\b(?:{_BECAUSE_ID}|because of|due to|for what) (?:(?:my|saya) )?(?:{_KIN_EN}|{_KIN_ID})\b"
    # ... told by a pronoun once the relative is named ("can I be punished for what she does?")
    r"|\bfor what (?:she|he) (?:does|did|is doing|has done)\b|\bbecause of (?:her|him)\b"
    # ... or asks whether the relative's doing makes trouble for the asker ("apa kegiatan istri saya itu bisa membuat saya
    # kena sanksi?", "can my wife's volunteering get me punished?")
    rf"|\b(?:kegiatan|perbuatan|aktivitas|tindakan|ulah) (?:{_KIN_ID}) (?:saya|aku|ku)\b"
    rf"|\bmy (?:{_KIN_EN})'s (?:activit(?:y|ies)|volunteering|campaigning|work|doings?|actions?)\b"
)
# Being punished or in trouble, the words a question uses to ask whether someone answers for an act
_LIABLE_ID, _LIABLE_EN = r"kena|terkena|dikenai|disanksi|dihukum|bermasalah", r"punished|sanctioned|disciplined|in trouble"
# ... whether a relative can be punished ("apakah suami saya bisa kena sanksi?"): asked of what the asker tells
_ASKS_LIABLE = re.compile(rf"\b(?:{_LIABLE_ID}|{_LIABLE_EN})\b")
# The asker asks whether their own act gets a relative who serves in trouble ("will that get her in
# trouble?", "will it get my wife punished?", "apa suami saya bisa kena sanksi gara-gara pilihan politik
# saya?"), or whether the relative's post binds them ("does his PNS status stop me?"): the asker is that
# servant's family, a private citizen, and the act asked about is the asker's.
_KIN_LIABLE = re.compile(
    rf"\b(?:get|put|land) (?:her|him|my (?:{_KIN_EN})) (?:in|into) trouble\b"
    rf"|\b(?:get|have) (?:her|him|my (?:{_KIN_EN})) (?:punished|sanctioned|disciplined|fired|sacked|dismissed)\b"
    r"|\b(?:his|her) (?:pns|asn|civil servant|civil (?:- )?service|government) (?:status|job|position|post)\b[^.?!;]{0,40}?"
    r"\b(?:stops?|bars?|prevents?|restricts?|limits?|binds?) me\b"
    rf"|\bstatus (?:pns|asn) (?:{_KIN_ID})(?: saya|ku)?\b[^.?!;]{{0,40}}?\b(?:melarang|menghalangi|membatasi|mengikat) (?:saya|aku)\b"
    rf"|\b(?:{_KIN_EN}) (?:be|get|is|gets) (?:{_LIABLE_EN}) (?:because of|for) (?:me|my|what i)\b"
    rf"|\b(?:{_KIN_ID}) saya (?:\S+ ){{0,3}}?(?:{_LIABLE_ID})\b[^.?!;]{{0,40}}?"
    rf"\b(?:{_BECAUSE_ID}) (?:\S+ ){{0,3}}?saya\b"
    # ... or asked beside the asker's own act: "apakah saya boleh tampil, atau ayah saya bisa kena masalah?", "can I join,
    # or will my mum get in trouble?"
    rf"|\b(?:saya|aku|i)\b[^.?!;]{{0,80}}?,?\s+(?:atau|or)\s+(?:apakah |will |would |could |can )?"
    rf"(?:(?:{_KIN_ID}) (?:saya|aku)|my (?:{_KIN_EN}))\s+(?:\S+\s+){{0,2}}?(?:{_LIABLE_ID}|(?:get|be|end up) (?:{_LIABLE_EN}))\b"
    # ... or whether the relative's ban reaches the family ("my dad's a cop so he can't vote. does that ban cover the
    # family too?", "larangan itu berlaku juga untuk keluarganya?")
    r"|\b(?:ban|rule|prohibition|restriction)s? (?:also )?(?:covers?|appl(?:y|ies) to|extends? to) (?:the |his |her |our |my |their )?"
    r"(?:whole |entire )?(?:family|families|relatives|children|kids|spouses?)\b"
    r"|\b(?:larangan|aturan)(?: itu| ini|nya)? (?:juga )?(?:berlaku|mengikat) (?:juga )?(?:untuk |bagi |ke |kepada )?(?:seluruh )?keluarga(?:nya)?\b"
)
# A relative of the asker runs for office ("my husband has just been set as a candidate", "suami saya
# nyaleg DPRD"), in a clause the asker is not the subject of: the candidacy is the relative's, not the asker's.
# The relatives an Indonesian question names as the asker's, in-laws and cousins too ("ipar saya", "sepupuku")
_RELATIVES_ID = rf"{_KIN_ID}|ipar|mertua|saudara|sepupu"
_KIN_RUNS = re.compile(
    rf"\b(?:(?:{_RELATIVES_ID})(?: kandung| tiri)?(?: saya| kami|ku)|(?:my|our) (?:(?:younger|older|elder|little|big|eldest|youngest) )?(?:{_KIN_EN})"
    # ... or a friend, a neighbour or a (former) colleague: a candidacy that is not the asker's all the same
    r"|(?:sahabat|teman|kawan|rekan|tetangga)(?: (?:dekat|lama|karib|sekantor|kerja))?(?: saya| kami|ku)"
    rf"|(?:my|our|a) (?:(?:old|close|best|former|childhood) )*(?:friend|colleague|neighbou?r|classmate)s?)\b(?:(?!\b(?:saya|aku|kami|i|we)\b)[^.?!;,]){{0,80}}?"
    # ("runs a bakery", "running the family shop": one who manages something does not run for office; nor "the loan
    # runs on my salary", "time is running out")
    r"\b(?:nyalon|nyaleg|maju|mencalonkan|dicalonkan|(?:jadi|menjadi|sebagai) (?:calon|caleg|paslon)|"
    r"(?:runs|running)(?! (?:a|an|the|his|her|their|our|my|its|this|that|on|out|low|short|late|into|away|smoothly|well)\b)|is standing|candidacy|"
    r"(?:set|confirmed|registered|nominated|named|listed)(?: by (?:the )?(?:kpu|election commission))? as (?:an? |the )?(?:[a-z-]+ ){0,3}candidate|a candidate for|"
    r"(?:is|was|became|becomes) (?:now )?(?:an? |the )(?:[a-z-]+ ){0,3}candidate|"
    r"(?:on|onto) (?:the |kpu'?s? )?(?:final |permanent |provisional )?candidate list|daftar calon)\b"
)


# ... or is told as a candidate outright, with no verb ("suami saya caleg DPRD", "bapak saya calon wali kota", "om saya adalah
# bakal calon bupati"; not "suami saya calon PNS")
_KIN_IS_CANDIDATE = re.compile(
    rf"\b(?:{_RELATIVES_ID}|keponakan)(?: kandung| tiri)?(?: saya| kami|ku)\s+(?:(?:adalah|itu|ini|sendiri|juga|sekarang|"
    r"kini|seorang|sudah|telah|resmi)\s+){0,3}(?:bakal\s+)?(?:pasangan\s+)?(?:calon|caleg|paslon)\b"
    rf"(?!\s+(?:{_NO_OFFICE_AFTER}|pppk|cpns|taruna|prajurit|polisi|dosen)\b)"
)


def relative_runs(text: str) -> bool:
    """Does a (normalised) question tell that a relative of the asker runs for office?"""
    return bool(_KIN_RUNS.search(text) or _KIN_IS_CANDIDATE.search(text))


# A relative of the asker who is a member or officer of a party ("suami saya pengurus DPC partai", "suami orang partai",
# "ayah saya dilantik jadi ketua DPC salah satu partai", "my husband is a party official", "my wife chairs the local party
# branch"): the membership told is the relative's, not the asker's
_PARTY_POST_ID = r"(?:anggota|pengurus|kader|ketua|sekretaris|bendahara|orang|fungsionaris|politikus|politisi)"
_PARTY_POST_EN = r"(?:member|official|officer|cadre|chair(?:man|woman|person)?|treasurer|secretary|functionary|head)"
_KIN_IN_PARTY = re.compile(
    # ("bapak" and "ibu" are also forms of address, "Bapak ketua partai": kin only as the asker's, "bapak saya")
    rf"\b(?:(?:{_KIN_ID_CLOSE}|ayah|orang tua|kakek|nenek|paman|om|tante|ipar|mertua)(?: kandung| tiri)?(?: saya| kami|ku)?"
    rf"|(?:bapak|ibu)(?: kandung| tiri)?(?: saya| kami|ku)|(?:my|our|whose) (?:(?:younger|older|elder|eldest) )?(?:{_KIN_EN}))"
    r"(?:\s*,)?(?:\s+(?:adalah|seorang|juga|sudah|telah|baru|is|was|has been|also|now|a|an|the|(?:di)?lantik|diangkat|terpilih|elected|appointed|made|"
    r"jadi|menjadi|sebagai))*\s+"
    rf"(?:{_PARTY_POST_ID}(?:\s+(?:dpc|dpd|dpw|dpp|ranting|cabang|harian|aktif|inti|sebuah|salah satu|suatu))*\s+(?:partai|parpol)\b"
    rf"|(?:local |district |provincial |regency )?(?:party|political party) {_PARTY_POST_EN}s?\b"
    rf"|{_PARTY_POST_EN}s? of (?:a|the|his|her|their) (?:local |district |provincial |regency )?(?:party|political party|party branch)\b"
    r"|(?:chairs|heads|leads) (?:a|the|his|her) (?:local |district |provincial |regency )?(?:party|political party|party branch)\b)"
)


def without_relatives_party(text: str) -> tuple[str, bool]:
    """`text` (normalised) less the party membership or post of a relative of the asker it tells, and whether it told one."""
    out, n = _KIN_IN_PARTY.subn(" ", text)
    return out, n > 0


# ... but not what is still to come ("pensiun tahun depan", "habis bulan depan")
_NOT_LATER = r"(?!\s+(?:\S+\s+)?(?:depan|nanti|lagi))"
# ... nor one who asks about returning to the service ("can I go back?", "bisa kembali jadi PNS?")
_NOT_BACK = r"(?![^?]*\b(?:go back|come back|return|rejoin|reinstat\w*|withdraw|cancel\w*|job back|kembali|cabut|mencabut|membatalkan|batalkan)\b)"
# One the question tells of who never served ("he has never been a civil servant", "beliau tidak pernah jadi PNS")
_NEVER_SERVED = re.compile(r"\b(?:he|she|dia|beliau)\s+(?:has\s+|had\s+)?(?:never been|tidak pernah (?:jadi|menjadi))\s+(?:a\s+|an\s+|seorang\s+)?"
                           r"(?:pns|asn|pegawai negeri|civil servant|public servant)\b")
# The asker tells their service has ended: they reached the retirement age ("I reached retirement age and left the office",
# "saya sudah memasuki usia pensiun"; not one who will: "I reach retirement age next year"), their pension decree is out
# ("SK pensiun saya sudah keluar", "my pension decree has already been issued"), or a sentence of their own working life
# ends in it, with no one else named in it ("I taught maths at a state school for 32 years and retired last March")
# The words that tell a (PPPK) contract is over, read here (the asker no longer serves) and by kb.elements (no PPPK is
# in the story)
CONTRACT_OVER_EN = r"(?:ended|expired|ran out|run out|terminated|not (?:been )?renewed)"
CONTRACT_OVER_ID = r"(?:habis|berakhir|selesai|diputus|tidak diperpanjang)"
_SERVICE_ENDED = (r"\bi\s+(?:(?:have|had|just|already|recently)\s+)*reached\s+(?:the\s+|my\s+)?(?:retirement|pension|pensionable)\s+age\b"
                  r"|\b(?:saya|aku)\s+(?:sudah|telah|udah|sdh|baru)\s+(?:memasuki|mencapai|masuk)\s+(?:batas\s+)?usia\s+pensiun\b" + _NOT_LATER +
                  r"|\bsk (?:pensiun|pemberhentian(?: dengan hormat)?) (?:saya|aku)\s+(?:sudah|telah|udah|sdh)\s+(?:keluar|terbit|turun|berlaku)\b"
                  r"|\bmy (?:pension|retirement|discharge) (?:decree|letter|papers?)\s+(?:has|have|had|was|were)\s+(?:already\s+)?(?:been\s+)?(?:issued|signed|released)\b"
                  # ... or they were discharged ("I was honourably discharged", "saya sudah diberhentikan dengan hormat")
                  r"|\bi\s+(?:have\s+|had\s+)?(?:already\s+|officially\s+)?(?:was|been)\s+(?:honou?rably\s+)?discharged\b"
                  r"|\b(?:saya|aku)\s+(?:sudah|telah|udah|sdh)\s+(?:resmi\s+)?diberhentikan dengan hormat\b"
                  rf"|(?:^|[.!?]\s*)i\b(?:(?!\b(?:{_KIN_EN}|my|he|she|his|her|they)\b)[^.!?]){{0,120}}?\b(?:and|then)\s+retired\b"
                  # ... or their PPPK contract has ended and was not renewed ("my PPPK contract ran out and was not renewed",
                  # "kontrak PPPK saya sudah habis"; not "kontrak saya habis bulan Januari", still to come): no longer ASN
                  r"|\bmy (?:pppk |work |employment )?contract(?: with [^.,;!?]{1,40}?)? (?:ran out|has run out|ended|has ended|expired|has expired|was not renewed|wasn't renewed)\b"
                  r"|\bkontrak (?:pppk |kerja )?(?:saya|aku) (?:(?:(?:sudah|telah|udah) (?:habis|berakhir|selesai)|tidak diperpanjang)\b" + _NOT_LATER +
                  # ... or told with its date and as past ("kontrak PPPK sy abis 31 Mei kmrn, gak diperpanjang"; "P3K" is
                  # normalised to "pppk")
                  r"|(?:habis|abis|berakhir|selesai)\b[^.;!?]{0,30}?\b(?:kemarin|lalu|tidak diperpanjang)\b)"
                  # ... or they have left the service ("saya sudah resmi keluar dari PNS", "I resigned from the civil service"),
                  # unless they ask about going back
                  r"|\b(?:saya|aku)\s+(?:sudah|telah)\s+(?:resmi\s+)?(?:keluar|berhenti|mengundurkan diri|mundur)\s+(?:dari|sebagai)\s+"
                  r"(?:pns|asn|pegawai negeri)\b" + _NOT_BACK +
                  r"|(?<!\bif )(?<!\bwhen )(?<!\bonce )\bi\s+(?:have\s+|had\s+)?(?:already\s+|officially\s+)?(?:resigned|quit|left)\s+(?:from\s+)?(?:the\s+)?(?:civil service|pns|asn)\b" + _NOT_BACK)
# The asker's term of office has ended ("my term as village head ended last month", "masa jabatan saya sebagai kades sudah
# habis"; not one that ends later: "masa jabatan saya habis tahun depan"): a former holder of the office is a citizen
_TERM_ENDED = (r"\bmy (?:term|tenure)(?: of office)?(?: as [^.,;!?]{1,40}?)? (?:has |had )?(?:ended|expired|finished|run out|ran out|"
               r"is over|was over|came to an end)\b"
               r"|\bmasa jabatan (?:saya|aku)(?: sebagai [^.,;!?]{1,40}?)? (?:sudah |telah |udah |sdh )?(?:habis|berakhir|selesai)\b" + _NOT_LATER +
               # ... nor one that ends on a date to come ("masa jabatan saya habis 2027", "habis Januari")
               r"(?!\s+(?:pada |di |tahun |bulan |akhir |awal )?(?:\d{4}|januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)\b)")
_TERM_ENDED_RX = re.compile(_TERM_ENDED)
_NOT_SERVANT = re.compile(
    _TERM_ENDED + "|"
    # "I ... and have never worked for the government", "saya tidak pernah bekerja di pemerintahan"
    r"\b(?:i|i've|we've|i have|we have|and have|but have|saya|aku|kami)\s+(?:(?:have|has|sudah|memang)\s+)?(?:never|tidak pernah|belum pernah|ga pernah|gak pernah)\s+"
    r"(?:(?:worked|been employed|served|kerja|bekerja|jadi|menjadi)\s+(?:(?:for|in|at|with|di|untuk|sebagai)\s+)?(?:the\s+|any\s+)?"
    r"(?:government|state|civil service|public service|pemerintah(?:an)?|instansi pemerintah|pegawai pemerintah)|held (?:any\s+)?(?:public |government )?(?:office|post))\b|"
    r"\b(?:saya|i am|i|kami|we are)\s+(?:(?!\()\S+\s+)?(?:(?:(?:a|an|seorang)\s+)?(?:[^\s.,;:!?()]+\s+){1,10}?(?:and|but|dan|tapi|,)\s+"
    # ... also after a clause of one's own work ("saya ketua RT, kerja swasta, bukan PNS"), with no one else named in it
    r"(?:(?!(?:saya|aku|my|his|her|he|she|dia|beliau|pppk|p3k|cpns|asn|pns|kan|" + "|".join(_OTHERS) + r")\b)[^\s.,;:!?()]+\s+){0,5}?,?\s*)?"
    r"(?:bukan|not|am not|are not|neither)\s+(?:a\s+|an\s+|seorang\s+)?"
    r"(?:pns|asn|pegawai negeri|civil servants?|public servants?|government employees?)"
    # one's own trade, then "not anybody's employee": "saya pedagang ikan di pasar, bukan pegawai apa-apa"
    # (the trade may take a clause or two: "saya adiknya kades, kerjanya cuma bertani, bukan pegawai apa-apa"; not across
    # another person: "saya PNS, istri saya bukan pegawai apa-apa")
    r"|\b(?:saya|kami)\s+(?:(?!(?:saya|aku|istri|suami|anak|ayah|ibu|bapak|adik|kakak)\b)[^\s.;:!?]+\s+){1,8}?,?\s*"
    r"(?:bukan|tidak)\s+(?:pegawai|karyawan|kerja)\s+(?:apa\s*-?\s*apa|apapun|di mana pun|dimana-mana)"
    r"|\bi am (?:[^\s.,;:!?]+\s+){1,5}?,?\s*not (?:an employee|employed) (?:of )?any(?:where|one|body)?"
    # a chat greeting that says who is asking, then what they are not: "honorary teacher here (not PNS, not PPPK)"
    r"|\b(?:here|di sini|disini)\s*\(\s*(?:bukan|not|non)\s*-?\s*(?:pns|asn|civil servants?)\b"
    # ... or a chat that opens with it: "not asn, i work at a private bank", "bukan PNS. mau tanya ..."
    r"|(?:^|[.!?]\s*)(?:bukan|not|non)\s*-?\s*(?:a\s+|an\s+|seorang\s+)?(?:pns|asn|civil servants?)\s*[,.;:]"
    # one's own post called "non-PNS": "saya penyuluh agama non-PNS di KUA", "I'm a non-civil-servant counsellor" (not
    # "guru honorer saya non-PNS": a word of one's post must come between)
    r"|\b(?:saya|aku)\s+(?:seorang\s+)?(?:[^\s.,;:!?()]+\s+){1,4}?non\s*-?\s*(?:pns|asn)\b"
    r"|\bi am\s+(?:(?:a|an)\s+)?(?:[^\s.,;:!?()]+\s+){0,4}?non\s*-?\s*(?:pns|asn|civil servants?)\b"
    # the asker has retired (UU 5/2014 Pasal 87 ayat (1) huruf c), told with or without "I" in a chat: "retired from
    # the port office last year", "I'm retired", "saya sudah pensiun"; not one who will ("saya pensiun tahun depan")
    r"|(?:^|[.!?]\s*|\b(?:i|i am)\s+)(?:(?:have|had|just|already|recently)\s+)*retired\b"
    # ... or says they have reached the retirement age
    r"|" + _SERVICE_ENDED +
    # ... or calls themselves retired ("I'm a retired teacher", "saya seorang pensiunan guru")
    r"|(?:^|[.,;:!?]\s*)i am (?:a |an )?retired\b|(?:^|[.,;:!?]\s*)(?:saya|aku) (?:seorang )?pensiunan\b"
    r"|(?:^|[.!?]\s*|" + _NOT_KIN_OF + r"\b(?:saya|aku)\s+)(?:sudah|telah|baru|udah|sdh)\s+pensiun\b" + _NOT_LATER +
    # ... also later in the sentence that opens with the asker and names no one else ("Saya Pak Yohanis, dulu camat ...,
    # dan sejak Maret tahun lalu sudah pensiun sebagai PNS")
    r"|(?:^|[.!?]\s*)(?:saya|aku)\b(?:(?!\b(?:" + "|".join((*_OTHERS, "dia", "beliau", "mereka")) + r")\b)[^.!?]){0,120}?"
    r"\b(?:sudah|telah|udah|sdh)\s+pensiun\b" + _NOT_LATER +
    # ... or one who is no longer one ("sudah tidak jadi pegawai negeri", "no longer a civil servant"), lives on the
    # pension ("now that I'm on a civil-service pension") or asks about the time after retiring ("once retired, ...",
    # "setelah pensiun dari ASN, ...")
    r"|\b(?:sudah tidak|tidak lagi|bukan lagi|no longer)\s+(?:(?:jadi|menjadi|a|an)\s+)?(?:pns|asn|pegawai negeri|civil servants?)\b"
    # ... or one who has left it by resigning ("i quit as PNS last year to run", "I resigned from the civil service",
    # "saya sudah mundur dari PNS"); not one who asks whether or when to ("if I quit as PNS", "should I resign"), nor
    # one who asks about going back ("can I withdraw my resignation and return?": the service's own rules answer)
    r"|(?<!\bif )(?<!\bto )(?<!\bshould )(?<!\bwhen )(?<!\bwill )(?<!\bcan )(?<!\bmust )(?<!\bmay )\bi\s+(?:(?:have|had|already)\s+)*"
    r"(?:quit|resigned|left)\s+(?:as (?:a |an )?(?:pns|asn|civil servant|public servant)|(?:from )?(?:the )?(?:civil|public) service|from (?:being )?(?:a )?(?:pns|asn))\b" + _NOT_BACK +
    r"|\b(?:saya|aku)\s+(?:sudah|telah|udah|sdh)\s+(?:mengundurkan diri|mundur|berhenti|keluar)\s+(?:dari|sebagai|jadi)\s+(?:pns|asn|pegawai negeri)\b" + _NOT_BACK +
    # ... or one whose contract has ended (UU 20/2023 Pasal 52 ayat (3)): "my PPPK contract ended in March and wasn't
    # renewed", "kontrak PPPK saya sudah habis" (not one that will: "ends next year", "habis bulan depan")
    r"|\b(?:my|our)\s+(?:pppk\s+|government\s+|civil ?-? ?service\s+|work\s+|employment\s+)?contract\s+(?:\S+\s+){0,6}?(?:has\s+|had\s+|was\s+|just\s+)*"
    rf"{CONTRACT_OVER_EN}\b"
    r"|\bkontrak\s+(?:kerja\s+)?(?:pppk\s+)?(?:saya|aku|kami)\s+(?:sebagai pppk\s+)?(?:sudah\s+|telah\s+|udah\s+|sdh\s+)?"
    rf"{CONTRACT_OVER_ID}\b" + _NOT_LATER +
    # ... or one's own trade, then what one is not in brackets: "i'm a private pharmacist (own apotek, not ASN)"
    r"|\b(?:i am|saya|aku)\s+(?:(?:a|an|seorang)\s+)?(?:[^\s.,;:!?()]+\s+){1,4}?\(\s*(?:[^()]{0,30}?,\s*)?(?:bukan|not|non)\s*-?\s*(?:pns|asn|civil servants?)\b"
    r"|\b(?:i am|saya) (?:now |already |sudah )?on (?:a |my )?(?:civil ?-? ?service |state |government )?pension\b"
    r"|\b(?:once|after|now that)\s+(?:i am |i have |he has |she has |he is |she is |a civil servant |he |she )?(?:retired|retires)\b"
    r"|\b(?:setelah|sesudah|begitu) pensiun\b"
    # ... or the question is about anyone who has ("does the ban still apply to someone who has retired?")
    r"|\b(?:someone|somebody|a person|anyone|people|those|orang|seseorang) (?:who|yang) (?:has |have |had |sudah |telah )?(?:retired|pensiun)\b"
)


# A university student asking for themselves ("im a student at a state uni", "saya mahasiswa semester 5"): of voting
# age and no employee of the state; read only when the question names no one else it could be about
_SELF_STUDENT = re.compile(
    r"\b(?:saya|aku|kami|i am|we are)\s+(?:(?:a|an|seorang|masih|cuma|hanya|just|only|still)\s+)*"
    r"(?:mahasiswa|mahasiswi|(?:university |college |undergraduate )?students? (?:at|of|in) (?:a |an |the )?(?:state |private )?"
    r"(?:uni|university|college|campus|institute|polytechnic)\b|(?:university|college|undergraduate) students?)"
)


# An election body named bare ("Bawaslu", "KPU") is often the object or the setting of a
# question ("sebelum KPU menetapkan", "lapor ke Bawaslu"); it is the actor only when a duty or
# power is asked of it: "Apakah Bawaslu wajib ...", "Can Bawaslu forward ...".
_BODY = (r"(?:bawaslu|panwaslu|panwascam|kpu|kpud|kpps|(?:election|elections) (?:supervisory (?:body|agency)|commission))"
         r"(?:\s+(?:ri|provinsi|kabupaten|kota|kab|daerah|setempat|district|regency|provincial|local))?")
_BODY_ASKED = re.compile(
    r"(?:^|[.?!;:]\s*)(?:"
    rf"(?:bolehkah|bisakah|haruskah|wajibkah|dapatkah|can|may|must|should|will)\s+(?:the\s+)?{_BODY}\b"
    rf"|(?:(?:apakah|does|is)\s+)?(?:the\s+)?{_BODY}\s+(?:(?:juga|tetap|also|still|then)\s+)?"
    r"(?:wajib|harus|boleh|berwenang|berhak|dapat|bisa|perlu|must|may|can|should|has to|have to|"
    r"is (?:required|allowed|obliged|authorised|authorized)|(?:is|are) able)\b)"
)


@dataclass(frozen=True)
class Mention:
    actor: str
    start: int
    end: int
    text: str
    role: str  # "self" | "relative" | "subject" | "object" | "agent" | "negated" | "other"


@dataclass(frozen=True)
class QuestionFacts:
    """What the card needs to know about a question before matching rules."""

    text: str  # as asked
    normalised: str  # chat spelling written out (kb.actors.normalise)
    lang: str  # "id" | "en"
    actor: str  # one of kb.rules.ACTORS
    actor_explicit: bool  # False: nobody was named, the asker is taken as a PNS
    actor_words: str | None  # the words that named the actor
    person: str  # "first" | "third"
    stage: str | None  # one of kb.rules.STAGES (not "any"), None when the question does not say
    stage_words: str | None = None
    election: str | None = None  # "pemilu" | "pilkada", None when the question does not say
    election_words: str | None = None
    mentions: tuple[Mention, ...] = field(default_factory=tuple)
    domain: str | None = None  # the word that makes it a question about elections / neutrality (None: it is not)
    years: tuple[int, ...] = ()  # years the question names
    past: bool = False  # it speaks of the old law ("aturan lama", "back then")
    confirmed: bool = False  # no stage named, but a candidate pair ("paslon", "nomor urut"): KPU has confirmed them
    asks: str | None = None  # "leave" (may I?) or "duty" (must I?), None when both or neither
    asked: tuple[str, str] | None = None  # (element, sentence): the asker asks whether they may do this about what they tell ("Can I report this?")
    asking: str = ""  # the sentences that ask (end with "?"), or the whole question when none does
    handler: bool = False  # the asker is the superior of the one the story is about ("one of my staff", "I'm his boss")
    months_to_pairs: int | None = None  # how many months before KPU sets the candidate pairs the act is told (`detect_months`)
    months_in_office: int | None = None  # how many months the regional head had been in office at the act


def _sentence_start(t: str, at: int) -> int:
    return max((m.end() for m in _SENTENCE.finditer(t, 0, at)), default=0)


def _is_subject(t: str, start: int) -> bool:
    """Only question words stand before the mention in its sentence ("apa sanksi bagi ..."), or in its
    question after a clause that sets the time ("During the six months before KPU sets the pairs, can our regent ...")."""
    before = t[_sentence_start(t, start) : start]
    asked = before.rsplit(",", 1)[-1].split()
    return _head_words_only(before.split()) or (bool(asked) and asked[0] in _ASKING_FIRST and _head_words_only(asked))


def _head_words_only(words: list[str]) -> bool:
    return len(words) <= 8 and all(w in _HEAD_WORDS for w in words)


# the first word of a question put after a clause that sets its time or place
_ASKING_FIRST = frozenset("apakah bolehkah bisakah dapatkah haruskah wajibkah boleh bisa can may could is are does do should must would will".split())


# ... said before a relative's name ("my husband Serka Dedi"), "kapten" too
_RANK = rf"(?:{_RANKS}|kapten)"
# The work a relative's status is told with ("istri saya guru PNS"); kb.elements reads it too
KIN_WORK_ID = r"guru|dosen|bidan|perawat|dokter|staf|pegawai"
_RELATIVE_BEFORE = re.compile(
    # ("bapak" and "ibu" only as the asker's: alone before an office they are a title, "bapak bupati")
    # (a neighbour told of as a relative is: "tetangga saya anggota polisi ikut nyoblos")
    rf"\b(?:(?:istri|suami|anak|adik|kakak|ayah|orang tua|saudara|sepupu|keponakan|ponakan|ipar|mertua|tetangga|{_KIN_EN})\s+(?:saya|kami)?|(?:ibu|bapak)\s+(?:saya|kami)|(?:saya|kami) punya (?:ibu|bapak))\s*"
    rf"(?:(?:adalah|seorang|is|was|works as|serves as|is in the|is a|is an|a|an|the|in the|juga|jadi|menjadi|sebagai|active|serving|aktif|baru|masuk|diterima di|masih|mengajar|bekerja|dilantik|diangkat|anggota|"
    # ... with their work between ("istri saya guru PNS", "suami saya dokter PNS di RSUD")
    # ... and where ("istri saya guru SD PNS", "suami saya perawat puskesmas PNS")
    rf"{KIN_WORK_ID}|penyuluh|sd|smp|sma|smk|desa|puskesmas|rsud|negeri|{FORMER}|,|\()\s*){{0,4}}$"
    rf"|\b(?:my|our)\s+(?:(?:little|younger|older|big|elder|baby|next-door)\s+)?(?:{_KIN_EN}|neighbou?r)(?:\s*-\s*in\s*-\s*law)?(?:'s\b)?\s*"
    # ... named between commas ("my wife, Bu Sari, is a PNS lecturer")
    r"(?:,\s*(?:bapak|ibu|mr|mrs|ms)?\s*[a-z]+(?: [a-z]+)?\s*,\s*)?"
    # ... or by rank and name ("my husband Serka Dedi has served in the army", "my son Bripda Andi")
    rf"(?:{_RANK}\s+[a-z]+\s+)?"
    rf"(?:(?:is|was|works as|serves as|in the|a|an|the|also|just|got into|joined|entered|enlisted in|enlisted with|recruited into|is in|active|serving|has served|served|has been|became|has become|is now|sitting|current|currently|incumbent|elected|still|{FORMER}|,|\()\s*){{0,3}}$"
    # ... or as what they work ("my younger sister still teaches as a PNS in Solo")
    rf"|\b(?:my|our)\s+(?:(?:little|younger|older|big|elder)\s+)?(?:{_KIN_EN})\s+(?:(?:still|also|now)\s+)?(?:works|worked|teaches|taught|serves|served)\b[^.;:!?]{{0,40}}?\bas (?:an? |the )?$"
    # ... or after what they do ("my wife teaches at a state junior high school and is a PNS")
    rf"|\b(?:my|our)\s+(?:{_KIN_EN})\b[^.;:!?]{{0,60}}?\b(?:and|but) (?:is|was) (?:a |an |also )*$"
)
_AS_A = re.compile(r"(?:\bas (?:an?|the)\b|\bsebagai\b|\bselaku\b)(?:\s+\S+){0,2}\s*$")
# "as" right before a post, after a verb of working, in a sentence the asker opens about themselves with no
# clause on someone else
_AS_BARE = re.compile(r"\b(?:work\w*|teach\w*|serv\w*|employed|hired|appointed|bekerja|kerja|mengajar|bertugas|mengabdi|diangkat)\b"
                      r"[^.!?]{0,60}\b(?:as|sebagai|selaku)(?: (?:an?|the|seorang))?\s*$"
                      # ... or after "berstatus" / "statusnya" ("saya guru MAN berstatus PNS", "saya lektor di FKIP, statusnya PNS")
                      r"|\b(?:berstatus|statusnya|status saya|status kepegawaian(?:nya| saya)?|with (?:the )?status(?: of)?)"
                      # (... said to last: "status saya masih PNS", "statusnya tetap PNS")
                      r"(?: (?:masih|tetap|sudah|juga|adalah|still|also))?(?: (?:sebagai|as|an?|seorang))?\s*$")
_APPOSITIVE = re.compile(r",\s*(?:a|an|seorang)?\s*$")
_I_AM_SENTENCE = re.compile(r"^\s*(?:i am|i have been|i was|saya|aku)\s+(?:(?:adalah|sudah|telah|sejak)\s+)?(?!\S+\s+(?:my|saya)\b)"
                            r"(?![^.!?]*\b(?:who|yang|that|which|whose|he|she|dia|beliau)\b)")
# (... nor after a relative the asker names in it: "saya ibu rumah tangga, suami saya guru SD berstatus PNS")
_I_SENTENCE = re.compile(rf"^\s*(?:(?:hi|halo|min|pak|bu|kak)\s*,?\s*)*(?:i|saya|aku)\b"
                         rf"(?![^.!?]*\b(?:who|yang|that|which|whose|he|she|dia|beliau|(?:{_KIN_ID}) (?:saya|aku)|my (?:{_KIN_EN}))\b)")
# A sentence told of a relative or a third person ("My father retired ... after 30 years as a civil servant",
# "ayah saya dulu bekerja sebagai PNS"): "as a" there names their role, not the asker's.
_THIRD_SENTENCE = re.compile(
    rf"^\s*(?:(?:my|our)\s+(?:{_KIN_EN})\b|(?:{_KIN_ID})\s+(?:saya|kami)\b|"
    # (... asked of them: "does he still have to resign as a PNS?", "apakah beliau harus mundur sebagai PNS?")
    r"(?:(?:does|did|do|is|was|must|should|can|could|may|will|would|has|had|apakah|bolehkah|haruskah|perlukah)\s+)?(?:he|she|dia|beliau)\s)(?![^.!?]*\b(?:i|we|saya|kami|aku)\b)"
)


# "just as neutral as the soldier", "sama seperti PNS": one compared with, no one in the story
_COMPARED = re.compile(r"\b(?:as [a-z]+ as|the same as|just like) (?:(?:an?|the) )?$|\b(?:sama )?seperti (?:seorang )?$|\bsama dengan $")


# A chat greeting that says who is asking: "pppk here.", "civil servant (PNS) here", "guru pppk di sini"
_HERE_AFTER = re.compile(r"^\s*(?:\(\s*[a-z ]+\s*\)\s*)?(?:\)\s*)?(?:here|di sini|disini)\b")
# ... and the status in brackets after it: "sekdes here (PNS)"
_HERE_BRACKET = re.compile(r"(?:^|[.!?]\s*)(?:[a-z]+\s+){1,3}(?:here|di sini|disini)\s*\(\s*$")
_OPENING = re.compile(r"(?:^|[.!?]\s*)(?:(?:hi|hello|halo|hai|min|admin|pak|bu|a|an)\s*,?\s*)*$")
# ... or the status alone opening the question, at most with "still" or "just" ("still cpns, ...", "masih PPPK, ...") or
# a word of one's work ("dok PNS nih.", "guru PPPK, ..."); not a title that addresses someone ("Pak Bupati, ...")
_STATUS_OPENING = re.compile(r"^\s*(?:still|masih|just|baru|cuma|only|now|sekarang)?\s*"
                             r"(?:(?!(?:pak|bu|bapak|ibu|mas|mbak|kak|bang|min|admin|dear|hi|halo|hai|saya|aku|i|we|kami|my|our|the|a|an|not|bukan|non|tidak|no)\b)[a-z]+\s+)?$")
_CLAUSE_END = re.compile(r"^\s*(?:[,.:;!]|$)")
# ... or opening with the office one was just sworn into, appointed or elected to, the "I" told or left out in a chat:
# "just sworn in as bupati 3 wks ago", "baru dilantik jadi bupati", "sy baru dilantik jd kaur perencanaan di desa"
_SWORN_OPENING = re.compile(r"^\s*(?:(?:saya|aku|i)\s+(?:(?:have|was|am)\s+)?)?(?:just|newly|recently|baru|barusan)?\s*(?:been\s+)?"
                            r"(?:sworn in|inaugurated|installed|dilantik|appointed|elected|diangkat|terpilih)\s+"
                            r"(?:as|jadi|menjadi|sebagai)\s+(?:a\s+|an\s+|the\s+)?$")
# ... or the training one has just finished for it ("aku baru lulus diktuk bintara polri", "I just graduated from the police academy")
_GRADUATED_AS = re.compile(r"\b(?:saya|aku|kami|i|we)\s+(?:(?:baru|sudah|just|recently|have|has)\s+)*(?:lulus|tamat|graduated|passed out)"
                           r"(?:\s+(?:dari|from|the|pendidikan|sekolah|diktuk|dikmaba|dikmata|diktukba|diktukta|bintara|tamtama|perwira|"
                           r"akademi|academy|as|a|an|sebagai|jadi|menjadi))*\s*$")


# The asker's post told in their words, then its name in brackets: "I'm the welfare affairs officer (kaur kesra)"
_SELF_GLOSS = re.compile(r"(?:^|[.,;:!?]\s*|\b(?:dan|tapi)\s+)(?:i am|saya|kami|we are)(?:\s+(?:a|an|the|seorang))?(?:\s+[a-z-]+){1,5}\s*\(\s*$")
# The asker's status put beside "me" in the story: "a decree naming me, a PNS at the sub-district office, as ...",
# "bupati menunjuk saya, PNS kecamatan, sebagai ..." (after a verb: "staf saya, PNS golongan III" is the staff's)
_ME_APPOSED = re.compile(r"(?:\bme|\bme[a-z]{3,}\s+(?:saya|aku))\s*,\s*(?:(?:a|an|seorang)\s+)?$")
# ... or beside "I, her husband" when the story has named her: "istri nyaleg DPRD, aku suaminya PNS" (the -nya points
# back to the wife; with no relative named before, "aku anaknya PNS" may be a PNS's child, and is left so)
_KIN_APPOSED = re.compile(rf"\b(?:saya|aku)\s+(?:adalah\s+)?(?:{_KIN_ID_CLOSE})nya\s*,?\s*(?:seorang\s+)?$")


# One's own trade with a word or two before it: "I'm a rice farmer", "just a regular farmer, not ASN"
_SELF_TRADE = re.compile(r"(?:(?:^|[.,;:!?]\s*|\b(?:dan|tapi|and|but)\s+)(?:i am|we are)\s+(?:just |only |simply )?(?:a |an )?"
                         r"|^\s*(?:(?:just |only |simply )(?:a |an )?|(?:a |an )))(?:[a-z-]+ ){0,2}$")


# "a soldier's wife": the post is a relative's
_KIN_AFTER = re.compile(rf"^'s (?:{_KIN_EN})\b")


def _role(t: str, m: re.Match[str], actor: str) -> str:
    before, after = t[max(0, m.start() - 60) : m.start()], t[m.end() : m.end() + 60]
    if _ELECTION_AFTER.match(after) or _CANDIDATE_AFTER.match(after) or _RUN_FOR.search(before):  # "fixed me as a vice-mayor candidate": no mayor
        return "object"
    if _RELATIVE_BEFORE.search(before) or _KIN_AFTER.match(after):
        return "relative"
    if _NEGATED.search(before):
        return "negated"
    if (_SELF_GLOSS.search(before) or _ME_APPOSED.search(before) or (actor == "warga" and _SELF_TRADE.search(before))
            or ((kin := _KIN_APPOSED.search(before)) and _KIN_NAMED.search(t, 0, m.start() - len(before) + kin.start()))):
        return "self"
    if _COMPARED.search(before):
        return "other"
    as_a = _AS_A.search(before)
    if _SELF.search(before) and not (actor == "warga" and as_a):  # "hadir sebagai warga biasa": a manner
        if as_a and _THIRD_SENTENCE.match(t[_sentence_start(t, m.start()) : m.start()]):
            return "relative"
        return "self"
    if (_HERE_AFTER.match(after) and _OPENING.search(t[: m.start()])) or _HERE_BRACKET.search(before):
        return "self"
    if _SWORN_OPENING.match(t[: m.start()]) or _GRADUATED_AS.search(before):
        return "self"
    if _STATUS_OPENING.match(t[: m.start()]) and _CLAUSE_END.match(after):
        return "self"  # a chat opening with the asker's status alone: "still cpns, my SK isn't out yet", "masih PPPK, ..."
    if _AS_BARE.search(before) and _I_SENTENCE.match(t[_sentence_start(t, m.start()) : m.start()]):
        return "self"  # "I teach at a state vocational school as PPPK", "saya mengajar di SMK negeri sebagai PPPK"
    if actor in _CIVIL_STATUS and _APPOSITIVE.search(before) and _I_AM_SENTENCE.match(t[_sentence_start(t, m.start()) : m.start()]):
        return "self"  # the status put after one's post: "I have been head of a division there for six years, a PNS at grade IV/a"
    if _OBJECT_BEFORE.search(before) or _OBJECT_AFTER.match(after):
        return "object"
    if _AGENT_AFTER.match(after) and _FIRST_PERSON_ANY.search(t):
        return "agent"
    return "subject" if _is_subject(t, m.start()) else "other"


# "my boss is the Governor", "atasan saya adalah bupati": the boss is the one named next, no other official
_BOSS_IS = re.compile(r"atasan (?:saya |kami )?(?:is|adalah|ialah|itu) (?:the |our |a |an |seorang |sang |pak |bu |bapak |ibu )?$")


def _mentions(t: str) -> list[Mention]:
    out: list[Mention] = []
    for m in _ACTOR_RX.finditer(t):
        i = next(int(k[1:]) for k, v in m.groupdict().items() if v)
        actor = _ACTOR_TERMS[i][0]
        if out and out[-1].text == "atasan" and _BOSS_IS.match(t, out[-1].start, m.start()):
            out[-1] = Mention(actor, out[-1].start, out[-1].end, out[-1].text, out[-1].role)  # the boss, in the boss's place
        elif (role := _role(t, m, actor)) == "self" or i not in _SELF_ONLY:
            out.append(Mention(actor, m.start(), m.end(), m.group(0), role))
    return out


# What a relative may do, told, then "me too?" ("istri boleh nyoblos, me too kan?"): the asker asks about himself
_ME_TOO = re.compile(r"\b(?:me too|me as well|and me|what about me|how about me|saya juga|aku juga|kalau saya|bagaimana dengan saya)\b")
# A relative who is "also" what the asker is ("my wife, also a PNS, works under me")
_ALSO = re.compile(r"\b(?:also|too|as well|juga|sama-sama|sama sama)\b")
# The asking sentence asks whether the asker may act ("can I join?", "boleh saya ikut?", "bolehkah aku ...")
_ASKS_OF_SELF = re.compile(r"\b(?:can|may|could|should|must) i\b|\bam i (?:also )?(?:allowed|permitted|free|banned|barred|not allowed)\b|"
                           # ... or whether the asker is barred too ("does that mean I can't vote either?", "saya juga tidak boleh?")
                           r"\bi (?:also )?(?:cannot|can not|may not|must not|am not allowed)\b|"
                           r"\b(?:boleh|bolehkah|bisa|bisakah|apakah)(?: tidak)? (?:saya|aku)\b|\b(?:saya|aku) (?:juga )?(?:tidak )?(?:boleh|bisa|dilarang)\b")
# ... or of the asker with others ("can we do it?", "bolehkah kami ...?")
_ASKS_OF_US = re.compile(_ASKS_OF_SELF.pattern + r"|\b(?:can|may|could|should|must) we\b|\b(?:boleh|bolehkah|bisa|bisakah|apakah)(?: tidak)? kami\b")
# The asker is the relative of one who holds a post: "saya istri anggota TNI", "I'm a soldier's wife", "I am the wife
# of a police officer": a family member, bound by no rule of that post (unless the question asks about the relative)
# The posts a relative is told by: the armed forces and police ("istri tentara"), and the English words for one who
# holds a post ("a soldier's wife", "the wife of a civil servant")
_ARMED_ID = r"tni|polri|polisi|tentara|prajurit"
_HOLDER_EN = r"officer|soldier|sergeant|policeman|cop|servant"
_KIN_OF_SELF = re.compile(
    # "bokap polisi ... aku anaknya": the child of the one just named
    rf"\b(?:saya|aku)\s+(?:adalah\s+)?(?:{_KIN_ID_CLOSE})nya\b|"
    rf"\b(?:saya|aku)\s+(?:adalah\s+|seorang\s+)?(?:{_KIN_ID_CLOSE}|ibu|ayah)\s+(?!saya\b|kami\b|aku\b)(?:dari\s+)?(?:seorang\s+)?"
    rf"(?=(?:anggota\s+)?(?:{_ARMED_ID}|pns|asn|kepala desa|kades|bupati|wali ?kota|gubernur|camat|lurah)\b)"
    rf"|\bi am (?:an? |the )?(?:(?:[a-z]+ ){{1,2}}?(?:{_HOLDER_EN}|head|regent|mayor|governor)'s (?:{_KIN_EN})"
    rf"|(?:{_KIN_EN}) of (?:an? |the )?(?:[a-z]+ ){{0,2}}?(?:{_HOLDER_EN}|head|regent|mayor|governor))\b"
)

# ... or a third person told as such a relative ("istri tentara punya hak pilih?", "does a police officer's wife
# vote?"): the question is about the relative, not the one who holds the post (not "dokter spesialis anak PNS")
_KIN_OF_POST = re.compile(
    rf"(?<!dokter )(?<!spesialis )\b(?:{_KIN_ID_CLOSE}|keluarga)\s+(?!saya\b|kami\b|aku\b|buah\b)(?:dari\s+)?(?:seorang\s+)?(?:anggota\s+)?"
    rf"(?:{_ARMED_ID})\b"  # (not "istri PNS": as often a wife who is one)
    rf"|\b(?:{_HOLDER_EN})'s (?:{_KIN_EN}|family|children|kids)\b"
    rf"|\b(?:{_KIN_EN}|family|children) of (?:an? |the )?(?:[a-z]+ ){{0,2}}?(?:{_HOLDER_EN})\b"
)

# A relative told by name ("my son Dimas", "istri saya, Bu Rina,") whom the asking sentence asks about by that name ("Is
# Dimas allowed to take this job?", "Boleh nggak Rina naik panggung?"): the act asked about is theirs
# the word after the relative is their name, not a word of the sentence ("told my brother that ...", "adik saya yang ...")
_NOT_A_NAME = (r"(?!(?:that|who|whom|which|what|was|has|had|and|but|the|for|will|would|wants|said|says|told|asked|also|too|just|"
               r"yang|itu|ini|juga|sudah|mau|ingin|akan|sedang|dan|tapi|dari|untuk|bilang|sendiri)\b)")
_KIN_BY_NAME = re.compile(rf"\b(?:my|our) (?:{_KIN_EN})(?:\s*,)?\s+{_NOT_A_NAME}([a-z]{{3,}})\b"
                          rf"|\b(?:{_KIN_ID}) (?:saya|kami)(?:\s*,)?\s+(?:(?:bu|pak|mas|mbak|bang|kak|dik) )?{_NOT_A_NAME}([a-z]{{3,}})\b")
_ASKING_VERB = (r"\b(?:is|can|may|could|should|must|does|did|boleh|bolehkah|bisa|bisakah|apakah|apa)"
                r"(?: (?:tidak|nggak|gak|ga|enggak))?(?: (?:bu|pak|mas|mbak|bang|kak|dik))? ")


def _asks_of_kin_by_name(t: str, asking: str) -> re.Match[str] | None:
    """The words of `asking` that ask about a relative by the name `t` gives them, if any."""
    for m in _KIN_BY_NAME.finditer(t):
        if hit := re.search(_ASKING_VERB + re.escape(m.group(1) or m.group(2)) + r"\b", asking):
            return hit
    return None


# The asker, who serves, says they stay out of what their relative does ("saya sendiri tidak ikut", "I won't help him
# with any of it"): the act asked about is the relative's
_STAYS_OUT = re.compile(r"\b(?:saya|aku) sendiri (?:tidak|nggak|gak|ga|enggak|tak) (?:ikut|terlibat|membantu|bantu)\b"
                        r"|\bi (?:myself )?(?:will not|won't|do not|don't|am not going to) (?:join|take part|get involved|help (?:him|her|them))\b")
# ... or took no part at all ("saya tidak ikut ikut kegiatannya", "I'm not involved in any of it")
_TOOK_NO_PART = re.compile(r"\b(?:saya|aku)(?: sendiri)? (?:sama sekali )?(?:tidak|tak|belum) (?:pernah )?(?:ikut|terlibat|membantu|bantu)\b"
                           r"|\bi (?:myself )?(?:am not|have not|haven't|did not|didn't|do not|don't|never) (?:been |get )?"
                           r"(?:involved|join(?:ed)?|take part|took part|help(?:ed)?|campaign(?:ed)?)\b")
# A relative named as the asker's ("my husband", "istri saya"; not an in-law, "my father-in-law")
_KIN_NAMED = re.compile(rf"\b(?:my|our) (?:{_KIN_EN})(?![\w-]|\s*-\s*in\b)|\b(?:{_KIN_ID}) (?:saya|kami)\b"
                        r"|(?:^|[.,;:!?]\s*)(?:istri|suami)\b")  # a chat's bare "suami" opening a clause is the asker's
# "My wife thinks he's bluffing. Can he do this?": "he" is not the wife (English pronouns tell; "dia" does not)
_OTHER_SEX = {**dict.fromkeys(("wife", "daughter", "sister", "mother", "mum", "mom", "aunt", "grandmother", "grandma", "grandmum"), "he"),
              **dict.fromkeys(("husband", "son", "brother", "father", "dad", "uncle", "grandfather", "grandpa", "granddad"), "she")}


# The sentence that asks names another official as the one whose act is asked about: "Benar nggak Pak Bupati
# dilarang?", "Emang polisi gak boleh milih?", "can the minister campaign at all?", "what does the law say about the minister
# campaigning?"
_OTHER_ASKED_BEFORE = re.compile(
    r"(?:\b(?:apakah|apa|benar|benarkah|betul|betulkah|bolehkah|bisakah|memang)(?: tidak)?|\b(?:can|may|could|must|should|is|does)"
    r"|\babout)\s+(?:not\s+)?(?:(?:the|our|this|a|an|bapak|ibu|pak|bu)\s+)?(?:own\s+)?$"
)
_OTHER_ASKED_AFTER = re.compile(
    r"^(?:\s+[a-z]+)?\s+(?:dilarang|boleh|diperbolehkan|bisa|wajib|harus|berkampanye|kampanye|campaign(?:ing)?|allowed|permitted|do it|speak(?:ing)?|"
    r"supposed to|required to|obliged to|meant to|expected to|netral|neutral)\b"
)


# ... or asks whether what it tells is safe for that official ("Aman gak ini buat pak kades?", "is this a problem for the regent?")
_SAFE_FOR_BEFORE = re.compile(r"\b(?:aman|bahaya|berbahaya|masalah|bermasalah|melanggar|safe|risky|(?:a )?problem|legal|ok|okay)(?: [^ ,.?!;:]+){0,2}? "
                              r"(?:buat|untuk|bagi|for) (?:(?:the|our|bapak|ibu)\s+)?$")
_OWNER_ONLY = re.compile(r"\s*(?:kami|kita|saya|itu|tersebut)?\s*")  # ("buat kepala desa kami ?": the official, nothing after)


# The officials a question may tell of and ask about, other than the asker
OFFICIALS = frozenset({"kepala-daerah", "pejabat-negara", "kepala-desa", "TNI-Polri"})


# The asker writes for an official ("I'm writing on behalf of my boss, the sitting governor", "saya bertanya atas nama
# atasan saya, Pak Bupati"): the question is that official's
_ON_BEHALF = re.compile(r"\bon behalf of (?:my (?:boss|superior|employer|atasan)\s*,?\s*)?(?:the |our )?(?:sitting |current |serving )?$"
                        # ("asking for my boss, a minister who is also a party cadre")
                        r"|\b(?:asking|ask|writing|question) for my (?:boss|superior|employer|atasan)\s*,?\s*(?:who is )?(?:a |an |the |our )?(?:sitting |current |serving )?$"
                        r"|\batas nama (?:atasan (?:saya|kami)|bos (?:saya|kami))\s*,?\s*(?:yaitu |yakni )?(?:pak |bu |bapak |ibu )?$")


def _official_asked(t: str, ms: tuple[Mention, ...]) -> Mention | None:
    """An official (not the asker) whom the asking sentence asks about (`_OTHER_ASKED_BEFORE` / `_AFTER`, `_SAFE_FOR_BEFORE`),
    or on whose behalf the asker writes (`_ON_BEHALF`)."""
    for m in ms:
        if m.role == "self" or m.actor not in OFFICIALS:
            continue
        if _ON_BEHALF.search(t[max(0, m.start - 50) : m.start]):
            return m
        end = _SENTENCE.search(t, m.end)
        if end and end.group(0) == "?" and ((_OTHER_ASKED_BEFORE.search(t[max(0, m.start - 30) : m.start]) and _OTHER_ASKED_AFTER.match(t[m.end : m.end + 40]))
                                            or (_SAFE_FOR_BEFORE.search(t[max(0, m.start - 40) : m.start]) and _OWNER_ONLY.fullmatch(t[m.end : end.start()]))):
            return m
    return None


# The sentence that asks asks about "he" / "she" ("Can he run the event like this?", "bolehkah beliau begitu?")
# ("my boss" and "bos" are written out as "atasan" by `normalise`)
_PRONOUN_ASKED = re.compile(rf"\b(?:can|may|could|should|must|is|was|does|did)(?: not)? (?:he|she|my atasan)\b{_NOT_A_CLAIM}"
                            rf"|\b(?:boleh|bolehkah|bisakah|apakah|apa|benarkah|haruskah|wajibkah) atasan (?:saya|kami)\b"
                            rf"|\b(?:boleh|bolehkah|bisakah|apakah|apa|benarkah|betulkah|haruskah|wajibkah|perlukah)(?: (?:tidak|nggak|gak|ga|enggak))? (?:beliau|dia)\b{_NOT_A_CLAIM_ID}")
# ("isn't he supposed to ...?", written out as "is not he supposed to": asked of him all the same)
# The asker tells they work for an official ("Saya staf pribadi seorang bupati", "I'm an aide to the governor"): one who
# asks about "beliau" / "he" asks about that official, though their own post is no actor of ours
_WORKS_FOR = re.compile(r"\b(?:saya|aku|i am|i work as|i work)\b[^.?!]{0,30}?\b(?:staf|staff|ajudan|aides?|asisten|assistants?|sopir|drivers?|"
                        r"sekretaris pribadi|secretary|protokol|protocol|speechwriter)\b")


# ... one who serves an official in person ("saya ajudan wali kota", "I'm special staff to a minister")
_AIDE = re.compile(r"\b(?:saya|aku|i am|i work as)\b[^.?!]{0,30}?\b(?:ajudan|aides?|staf khusus|staf pribadi|special (?:staff|adviser|advisor)|"
                   r"advis[eo]r to|(?:executive |personal )?assistant to|chief of staff to|sekretaris pribadi|personal secretary|speechwriter|"
                   r"kepala staf (?:pribadi )?(?:gubernur|bupati|wali ?kota|menteri))\b")
_OF_HIM = re.compile(r"\b(?:beliau|he|she|his|her|him|[a-z]{4,}kannya|[a-z]{4,}inya)\b")  # ... "membolehkannya": allow him
_THAT_ASKED = re.compile(r"\b(?:itu|ini|that|this)\b")
_CIVIL_STATUS = frozenset({"PNS", "PPPK", "CPNS", "ASN"})  # a civil servant's own status
_SERVING = _CIVIL_STATUS | {"pejabat-asn"}
_RETIRES = _SERVING | {"TNI-Polri"}  # a soldier or police officer who has retired (purnawirawan) is a civilian too
# The asker says they have retired, after telling the post they held ("I retired on reaching the age limit", "saya sudah
# pensiun"); not one who will ("saya pensiun tahun depan")
_RETIRED_SELF = re.compile(r"\bi\s+(?:(?:have|had|just|already|recently)\s+)*retired\b|\bi've\s+retired\b|" + _SERVICE_ENDED +
                           r"|" + _NOT_KIN_OF + r"\b(?:saya|aku)\s+(?:sudah\s+|telah\s+|baru\s+)?pensiun\b" + _NOT_LATER)
_I_FIRST = re.compile(r"(?:saya|aku|kami|i|we)\b")  # what the asker says of themselves


def _servant_asked_of(t: str, ms: tuple[Mention, ...]) -> Mention | None:
    """The one civil servant other than the asker a question tells of, when the asker says they are none and asks
    about another ("Suami saya PNS ... Saya sendiri bukan PNS ... Apakah suami saya boleh ikut?"): the asker's own
    status is not what is asked."""
    own = _NOT_SERVANT.search(t)
    if not (own and _I_FIRST.match(own.group(0)) and _ASKS_OF_OTHER.search(t)):
        return None
    serving = {m.actor: m for m in ms if m.role in ("other", "relative", "subject") and _unless_former(t, m) in _SERVING}
    if serving.keys() == {"CPNS", "PNS"}:  # "passed the CPNS test and was made a full PNS": one servant, now a PNS
        del serving["CPNS"]
    one = next(iter(serving.values())) if len(serving) == 1 else None
    return one if one is not None and not own.start() <= one.start < own.end() else None


def _official_by_pronoun(t: str, ms: tuple[Mention, ...], aide: bool = False) -> Mention | None:
    """The one official (other than the asker) a question tells of, when its asking sentence asks
    about "he" or "she" and no relative is told of; for an asker who works for an official
    in person (`_AIDE`), also when it asks about "his way of campaigning" or "that" with no word of
    the asker in it ("Saya ajudan wali kota ... Apakah cara kampanye beliau ini melanggar?")."""
    asking = _ASKING_SENTENCE.findall(t)
    own = {m.actor for m in ms if m.role == "self"}
    # ... and, for one who holds no post of our actors, any asking sentence with no word of the asker ("I'm an adviser
    # to a minister ... What conditions apply?"): their own part is not what is asked
    of_him = any(_PRONOUN_ASKED.search(s) for s in asking) or bool(aide and _OF_HIM.search(t) and any(
        (_OF_HIM.search(s) or _THAT_ASKED.search(s) or not own) and not _FIRST_PERSON_ANY.search(s) for s in asking))
    if not of_him or any(m.role == "relative" for m in ms):
        return None
    officials = {m.actor: m for m in ms if m.role not in ("self", "negated") and m.actor in OFFICIALS and m.actor not in own}
    return next(iter(officials.values())) if len(officials) == 1 else None


# The readings of who is asked about that the question's own words settle, in order (`detect_actor`)
_READINGS = ((_RELATIVE_WARGA, "warga"), (_NOT_SERVANT, "warga"), (_NEVER_SERVED, "warga"), (_SELF_CANDIDATE, "calon"), (_KIN_LIABLE, "warga"),
             (_KIN_OF_POST, "warga"))


def _own_post(selves: list[Mention]) -> Mention:
    """Of the posts the asker tells as their own, the one that binds them."""
    selves = [m for m in selves if m.actor != "warga"] or selves  # "saya PNS, sambil bertani ... saya juga petani": a PNS
    # honorary work binds by no neutrality rule; a post held beside it may ("honorary teacher in the mornings, and
    # in the afternoons I'm the village's kaur keuangan": a village official, with the bans on village apparatus)
    # (but not a civil servant's status beside it: "bound by the same rules as the civil servants" compares)
    if any(m.actor not in _CIVIL_STATUS | {"honorer"} for m in selves):
        selves = [m for m in selves if m.actor != "honorer"]
    # "saya ASN, guru PPPK": PPPK; but a civil servant who serves as a village official ("saya sekdes (PNS)") is
    # bound as the civil servant (PP 94/2021), not only as the village's staff
    status = next((m for m in selves if m.actor in _CIVIL_STATUS), None)
    specific = [m for m in selves if m.actor not in ("ASN", "PNS") and not (status is not None and m.actor == "perangkat-desa")]
    return specific[0] if specific and all(m.actor in ("ASN", "PNS", specific[0].actor) for m in selves) else status or selves[0]


def _relatives_act(t: str, ms: tuple[Mention, ...], asking: str) -> str | None:
    """The words that tell the act asked about is a relative's, one who is no civil servant, in a question whose asker
    tells of themselves: "is she allowed", "will I be punished because of my husband?" ("karena suami belum resmi jadi
    calon, apakah saya boleh ikut?" gives a reason, and asks about the asker); or whether the asker answers for a
    relative's act they took no part in ("apa saya bisa kena sanksi gara-gara suami timses? saya tidak ikut
    kegiatannya"), the relative's status untold."""
    if ((hit := _RELATIVE_WARGA.search(t)) and (_ASKS_OF_OTHER.search(t) or _STAYS_OUT.search(t) or (_FOR_KIN.search(t) and _ASKS_LIABLE.search(t))
                                                 or _TROUBLE_FOR_THEM.search(asking))
            and not _ME_TOO.search(asking)):  # "istri boleh nyoblos, me too kan?": she may; the asker asks about himself
        return hit.group(0)
    if not any(m.role == "relative" for m in ms) and (hit := _FOR_KIN.search(t)) and _ASKS_LIABLE.search(t) and _TOOK_NO_PART.search(t):
        return hit.group(0)
    return None


def detect_actor(text: str) -> tuple[str, bool, str | None, tuple[Mention, ...]]:
    """(actor, explicit, the words, all mentions) for a question. The asker's own words
    first, then a relative who is no civil servant, then "I am not a PNS", then a relative
    who is one ("suami saya polisi"), then the question's subject; else a PNS, not explicit."""
    t = normalise(text)
    ms = tuple(_mentions(t))
    selves = [m for m in ms if m.role == "self"]
    asking = asking_part(t)
    if selves and (kin := _relatives_act(t, ms, asking)):
        return "warga", True, kin, ms
    asker_liable = _ASKER_LIABLE.search(t)
    # the asker told as a candidate ("saya caleg DPRD") is no mention, but asks of another all the same
    if (selves or _SELF_CANDIDATE.search(t)) and (asked_of := (not _ME_TOO.search(asking) and (_ASKS_OF_OTHER.search(asking)
                                                                                              or _asks_of_kin_by_name(t, asking))) or asker_liable):
        relative = next((m for m in ms if m.role == "relative"), None)
        # ... or about a relative the question names with no office of theirs ("My husband grows chillies ... Is he allowed?")
        if relative is None and (kin := _KIN_NAMED.search(t)) and _OTHER_SEX.get(kin.group(0).split()[-1]) not in asked_of.group(0).split():
            return "warga", True, kin.group(0), ms
        # ... or about one who holds a post of their own ("Saya PNS, istri saya polisi, boleh dia ikut kampanye?"), unless
        # the question is whether they answer for the asker's act
        if relative is not None and (asker_liable or not (_KIN_LIABLE.search(t) or _FOR_KIN.search(t) or _ASKS_LIABLE.search(t))):
            return _unless_former(t, relative), True, relative.text, ms
    if other := _official_asked(t, ms):  # "Saya PNS di bagian protokol. ... Benar nggak Pak Bupati dilarang?": about him
        return _unless_former(t, other), True, other.text, ms
    aide = bool(_AIDE.search(t))
    if (selves or aide or _WORKS_FOR.search(t)) and (him := _official_by_pronoun(t, ms, aide)):  # "I'm one of the village heads invited. Can he run the event like this?"
        return _unless_former(t, him), True, him.text, ms
    if selves:
        best = _own_post(selves)
        return _unless_former(t, best), True, best.text, ms
    # "we're not civil servants, so is what he's doing against any rule?": about him, whatever the asker is not
    if _WHAT_HE_DID.search(t) and (doer := _story_doer(t, ms) or _asked_subject(t, [m for m in ms if m.role == "subject"])):
        return _unless_former(t, doer), True, doer.text, ms
    # "saya istri anggota TNI ... apakah saya melanggar?" (not "... suami pengen ikut kampanye, boleh ga?": his act)
    if (kin := _KIN_OF_SELF.search(t)) and not _ASKS_OF_OTHER.search(t) and _FIRST_PERSON_ANY.search(asking):
        return "warga", True, kin.group(0).strip(), ms
    if serving := _servant_asked_of(t, ms):  # "Saya sendiri bukan PNS ... Apakah suami saya boleh?": about him
        return serving.actor, True, serving.text, ms
    for rx, who in _READINGS:
        if (rx is _RELATIVE_WARGA and _ASKS_OF_US.search(asking) and not _ASKS_OF_OTHER.search(asking)) or (rx is _KIN_OF_POST and kin):
            continue  # "(Pak Hendra retired ...) can we do it?" asks of the askers; "I'm the wife of a sergeant": the asker is her
        if hit := rx.search(t):
            if who == "warga" and (again := _TAKEN_ON_AGAIN.search(t, hit.end())):  # retired, then hired as PPPK: ASN again
                return "PPPK", True, again.group(0), ms
            if who == "warga" and (elected := _ELECTED_VILLAGE_HEAD.search(t, hit.end())):  # retired, then elected village head
                return "kepala-desa", True, elected.group(0), ms
            return who, True, hit.group(0), ms
    # "my wife's a PNS, can I join a campaign team?": the asker, who names no post of their own, asks about themselves
    # beside a relative who serves: one who is not that servant (not "my wife, also a PNS, ...": one like the asker)
    if ((relative := next((m for m in ms if m.role == "relative"), None)) and _ASKS_OF_SELF.search(asking)
            and not _ASKS_OF_OTHER.search(asking) and not _ALSO.search(t, max(0, relative.start - 12), relative.start)):
        return "warga", True, None, ms
    if relative:  # "suami saya polisi": the question is about him
        return _unless_former(t, relative), True, relative.text, ms
    subject = _asked_subject(t, [m for m in ms if m.role == "subject"])
    if subject:
        return _unless_former(t, subject), True, subject.text, ms
    if doer := _story_doer(t, ms):  # "the village head moved the rally to the village hall ... is that an offence?"
        return _unless_former(t, doer), True, doer.text, ms
    if claimed := _claimed_of(t, ms):  # "senior bilang polisi ga boleh nyoblos. emg iya?": the claim is about them
        return claimed.actor, True, claimed.text, ms
    if body := _BODY_ASKED.search(t):
        return "penyelenggara", True, re.search(_BODY, body.group(0)).group(0), ms  # type: ignore[union-attr]
    if student := _SELF_STUDENT.search(t):  # no one else the question is about: a student asks for themselves
        return "warga", True, student.group(0), ms
    # "Pak Darto, pensiunan guru PNS di Klaten, boleh jadi timses?": each one a question in the third person tells of
    # has left the service (not "our former regional secretary" beside an asker who tells what they did)
    if (not _FIRST_PERSON_ANY.search(t) and (told := [m for m in ms if m.role not in ("object", "negated", "agent")])
            and all(_unless_former(t, m) == "warga" for m in told)):
        return "warga", True, told[0].text, ms
    # "rekan saya PPPK ... ternyata jadi pengurus partai. emang bener?": the one colleague a story tells of, asked about
    # without a word of the asker
    if (len(colleagues := [m for m in ms if m.role == "other" and _COLLEAGUE_BEFORE.search(t, max(0, m.start - 40), m.start)]) == 1
            and not _FIRST_PERSON_ANY.search(asking)):
        return _unless_former(t, colleagues[0]), True, colleagues[0].text, ms
    return "PNS", False, None, ms


# A colleague told with their status: "teman kantor saya PPPK", "rekan kerja aku CPNS", "my colleague, a PPPK teacher"
_COLLEAGUE_BEFORE = re.compile(r"\b(?:(?:teman|rekan|kawan)(?: kantor| kerja| sekantor| satu kantor)?(?: saya| aku| kami|ku)|"
                               r"(?:my|our|a) (?:colleague|co-worker|coworker|workmate|fellow [a-z]+)(?: at work)?)\s*,?\s*(?:(?:an?|seorang|yang|sesama)\s+)?(?:[a-z]+\s+)?$")


# One who left the service and was later taken on again as a contract civil servant (PPPK is ASN:
# UU 20/2023), told after the leaving: "he retired in 2021 ... then passed the PPPK selection".
_TAKEN_ON_AGAIN = re.compile(
    r"\b(?:passed|lulus|joined|ikut seleksi|ikut tes|took the)\b[^.;!?]{0,30}?\b(?:pppk|p3k)\b|\b(?:diangkat|direkrut|rehired|re-hired|hired|taken on|appointed)"
    r"(?: again| lagi| kembali)?\s+(?:as\s+(?:an?\s+)?|sebagai\s+|jadi\s+|menjadi\s+)?(?:pppk|p3k)\b|\b(?:now|sekarang|kini)\s+(?:he is |she is |dia |beliau )?(?:a\s+)?(?:pppk|p3k)\b"
)
# ... or one who left it and was later elected village head: "he retired from the army in 2015 and two years later was
# elected head of our village" (a village head's own bans bind him: UU 10/2016 Pasal 71 ayat (1))
_ELECTED_VILLAGE_HEAD = re.compile(
    r"\b(?:elected|terpilih|dipilih)\b[^.;!?]{0,30}?\b(?:village head|head of (?:the |our |his |her |a )?village|kepala desa|kades)\b"
)


# A story told about someone else's act, then asked about ("... the village head moved it to the village
# hall. Is that an offence?"): the one official who does something in it is the actor asked about. Not
# an official the asker only met or was told something by (those are "other" without a verb, or "agent").
# Death is no act of theirs ("the agency head died suddenly", "kepala dinas meninggal"); one who retired is still
# someone (a private citizen now, `_unless_former`)
_NO_ACT = r"(?:[a-z]+ly )?(?:died|passed away|meninggal|wafat)\b"
_DOER_AFTER = re.compile(
    # a clause on who they are may come between ("the regent, who is running again, signed ...", "bupati petahana menunjuk")
    r"(?:\s*,\s*(?:who|yang)\b[^,.;:!?]{0,60},|\s*\([^()]{1,30}\))?(?:\s+(?:petahana|incumbent|itu|tersebut|kami|kita))?"
    # ... or without commas: "bupati kami yang mau maju lagi membagikan ..."
    r"(?:\s+yang(?:\s+(?!me(?:m|n|ng|ny)?[a-z]{3,}\b)[a-z]+){1,4}?(?=\s+me(?:m|n|ng|ny)?[a-z]{3,}\b))?"
    # ... or in English, who they are ("a health minister who is a party member wants to ...")
    r"(?:\s+who (?:is|was) (?:an? |the )?(?:[a-z]+ ){0,3}?[a-z]+(?=\s+(?:wants|plans|intends|would|will|is going)\b))?"
    r"\s+(?:also |then |had |has |just |allegedly |reportedly |juga |lalu |sudah |telah |langsung |segera )?"
    rf"(?!{_NO_ACT})"
    # ... or what they can, cannot or mean to do ("the mayor cannot appoint ...", "bupati akan menunjuk ...")
    r"(?:(?:can|cannot|could|may|might|must|will|would|should|wants to|plans to|intends to) [a-z]{3,}|"
    r"(?:akan|mau|ingin|hendak|bisa|boleh) me(?:m|n|ng|ny)?[a-z]{3,}|"
    r"[a-z]{3,}ed|took|gave|made|told|sent|put|held|ran|used|spent|paid|let|got|brought|wrote|"
    r"wants|plans|intends|is going|was|me(?:m|n|ng|ny)?[a-z]{3,}|ber[a-z]{3,})\b"
)
# ... or the agent of a passive: "SK mutasinya ditandatangani bupati", "signed by the regent"
# ... or one the story says the doer is: "he is an elected village head", "beliau seorang kepala desa"
_DOER_BEFORE = re.compile(
    r"(?:\bdi(?!nas\b|rinya\b)[a-z]{3,}\s+(?:oleh\s+)?|\bby\s+(?:the\s+|our\s+|a\s+|an\s+)?"
    r"|\b(?:he|she) (?:is|was|has been|had been) (?:an? |the )?(?:\S+ )?|\b(?:bapak|ibu|mr|mrs|ms) [a-z]+ (?:has|had) been (?:an? |the )?|\b(?:dia|beliau) (?:adalah |seorang |itu )*)$"
)
_ASKS_OF_THIRD = re.compile(
    r"\b(?:is that|is this|was that|was this|is it|was it|is he|is she|was he|was she|did he|did she|can he|can she|"
    r"may he|may she|must he|must she|should he|should she|does (?:he|she) have to|whether (?:he|she)|"
    r"apakah (?:itu|ini|hal itu|hal ini|dia|beliau|ia|tindakan|perbuatan)|bolehkah (?:dia|beliau)|"
    r"(?:itu|ini) (?:boleh|melanggar|sah|termasuk)|(?:benar|betul|bener|boleh) (?:begitu|gitu|demikian)|"
    r"(?:bagaimana|gimana) hukumnya(?! (?:kalau|jika|bila|kalo) (?:saya|aku|kami|kita))|(?:akibatnya|sanksinya|hukumannya) (?:buat|bagi|untuk)|what happens to (?:him|her|the)|"
    r"(?:is|was) what (?:he|she)(?: did|(?: is|'s) doing)|yang (?:dia|beliau) lakukan|(?:is|was) not (?:that|this|it)|"
    # the act told as the subject: "was naming an acting director really forbidden?"
    r"(?:is|was) [a-z]{3,}ing\b[^.?!;]{0,80}\b(?:forbidden|prohibited|allowed|permitted|legal|illegal|lawful|unlawful|a violation|a breach)|"
    # ... or as theirs: "was his Saturday rally appearance allowed?"
    r"(?:is|was) (?:his|her) [^.?!;]{0,60}\b(?:forbidden|prohibited|allowed|permitted|legal|illegal|lawful|unlawful|a violation|a breach))\b"
)


# The question asks about what "he" or "she" did, whoever the asker says they are
_WHAT_HE_DID = re.compile(r"\bwhat (?:he|she)(?: |'s )(?:did|is doing|doing|was doing|does|has done|done)\b|\byang (?:dia|beliau) lakukan\b")


# A claim someone made about what those who hold a post may not do, which the question checks: "senior bilang
# polisi ga boleh nyoblos. emg iya?", "my uncle says soldiers cannot vote, is that true?"
# (... or asked whether it is so: "bener ga sih anggota polri ga ikut nyoblos?", "is it true that soldiers don't vote?")
_SAID_OF = re.compile(r"\b(?:bilang|katanya|kata(?: \S+){1,2}|says|said|told (?:me|us)|heard|claims?|"
                      r"(?:benar|bener|betul)(?:kah)?(?: tidak| enggak)?(?: sih)?|is it true)(?: (?:that|kalau|bahwa))?\s+$")
_BARRED_AFTER = re.compile(r"\s+(?:(?:juga|itu|are|is|also) )?(?:tidak boleh|dilarang|tidak bisa|tidak punya hak|cannot|can't|can not|may not|must not|are not allowed|aren't allowed|have no right|"
                           r"tidak (?:ikut )?(?:nyoblos|mencoblos|memilih)|(?:do not|don't) (?:get to )?vote)\b")
_CHECKED = re.compile(r"\b(?:memang iya|emang iya|iya kah|apa iya|benar(?:kah)?|betul(?:kah)?|bener(?:an)?|is (?:that|it) (?:true|right|so)|really|true)\b|\?")


def _claimed_of(t: str, ms: tuple[Mention, ...]) -> Mention | None:
    said = [m for m in ms if m.role == "other" and _SAID_OF.search(t, max(0, m.start - 30), m.start) and _BARRED_AFTER.match(t, m.end)]
    if len({m.actor for m in said}) != 1 or not _CHECKED.search(t, said[0].end):
        return None
    return said[0]


_CANDIDATE_FOR = re.compile(r"\b(?:candidate|calon)(?: for| of)?\s+$")  # "confirmed as a candidate for regent and asked him": no regent
# One who orders or gathers others, not the asker ("kades kami ngumpulin semua ketua RT trs bilang ...", "our kades
# told all perangkat desa n RT heads to ..."): the one whose act the story tells. (Told to the asker, "the head asked me
# to ...", the act asked about is the asker's: `_role`'s "agent".)
_ORDERS_OTHERS = re.compile(rf"(?:\s+(?:kami|kita|saya|our|my))?(?:\s+(?:also|then|just|juga|lalu|sudah|telah|langsung))?\s+"
                            rf"(?:{_ORDER_VERBS})\b(?![^.;!?]{{0,50}}?\b(?:saya|aku|kami|kita|me|us|i|we|our|my|ku)\b)")


def _story_doer(t: str, ms: tuple[Mention, ...]) -> Mention | None:
    ms = tuple(m for m in ms if not _CANDIDATE_FOR.search(t, 0, m.start))  # the office a candidate runs for does not act
    doers = ([m for m in ms if m.role == "other" and m.actor != "penyelenggara"
              and (_DOER_AFTER.match(t, m.end) or _DOER_BEFORE.search(t, max(0, m.start - 30), m.start))]
             or ([m for m in ms if m.role == "agent" and _ORDERS_OTHERS.match(t, m.end)]
                 if not _FIRST_PERSON_ANY.search(asking_part(t)) else []))
    if not doers or len({m.actor for m in doers}) > 1 or not _ASKS_OF_THIRD.search(t):
        return None
    return doers[0]


def _asked_subject(t: str, subjects: list[Mention]) -> Mention | None:
    """The subject the question asks about: of several ("Kepala dinas meninggal. ... Apakah bupati
    melanggar?"), the one in the sentence that asks (it ends with "?"), else the first."""
    for m in subjects:
        end = _SENTENCE.search(t, m.end)
        if end and end.group(0) == "?":
            return m
    # else the first that does something: "the agency head died ... the regent named a Plt", "kepala dinas kesehatan
    # wafat, lalu bupati menunjuk Plt" are not about the head; nor an election body that only sent or found something
    # ("Panwascam sudah mengirim tangkapan layarnya ke saya": a duty asked of it is `_BODY_ASKED`)
    return next((m for m in subjects if m.actor != "penyelenggara" and not re.match(rf"(?:\s+[a-z]+){{0,2}}?\s+{_NO_ACT}", t[m.end:])), None)


def _unless_former(t: str, m: Mention) -> str:
    """The mention's actor; any citizen when it is a former one ("pensiunan PNS", "a retired
    civil servant", "mantan kepala desa"), or the asker's own post told with their retirement
    ("Until March I was the Sekda; I retired on reaching the age limit"), unless taken on again
    as PPPK: a PNS who has retired is no longer ASN; or told with the end of their term of office."""
    if _FORMER_BEFORE.search(t[max(0, m.start - 30) : m.start]):
        return "warga"
    if m.role == "self" and ((m.actor in _RETIRES and _RETIRED_SELF.search(t) and not _TAKEN_ON_AGAIN.search(t))
                             or _TERM_ENDED_RX.search(t)):  # ... or whose term of office has ended, whatever the office
        return "warga"
    return m.actor


# ---------------------------------------------------------------------------- stage

_STAGE_TERMS: list[tuple[str, str]] = [
    ("masa-tenang", r"masa tenang|minggu tenang|hari tenang|quiet (?:period|days?|week)|cooling[ -]off (?:period|days?)|"
                    r"silent (?:period|days?)|campaign silence"),
    ("pemungutan", r"hari (?:pemungutan|pencoblosan|pemilihan)|hari h|saat (?:mencoblos|pencoblosan)|di tps|(?<![a-z] )besok (?:mencoblos|coblosan|pencoblosan)|"
                   r"(?:voting|election|polling) day|at the polling station|at the tps|on the day of the (?:vote|election)"),
    ("setelah", r"(?:setelah|sesudah|pasca|usai) (?:pemilihan|pencoblosan|pemungutan|pilkada|pemilu|pemilihan umum|"
                r"pemilihan kepala daerah|hari pemungutan)|penghitungan suara|rekapitulasi|sengketa hasil|"
                r"after the (?:election|vote|voting|polls?)|after (?:voting|election day)|(?:vote|ballot) counting|"
                r"recount|results? dispute|post[ -]election|quick count|hitung cepat|"
                r"(?:voting|polling|the vote|election day|pencoblosan|pemungutan suara)(?: day)? (?:was|sudah|telah) (?:yesterday|last \w+|kemarin|lewat|selesai|over)|"
                # the winner in office (UU 10/2016 Pasal 162 counts from the inauguration); a PNS or an
                # official is "dilantik" too, so only an elected head's inauguration counts
                r"(?:setelah|sesudah|pasca|usai) (?:menang|memenangkan|terpilih)|"
                r"dilantik (?:sebagai|menjadi|jadi) (?:wakil )?(?:gubernur|bupati|wali ?kota|kepala daerah)|"
                r"(?:after|since) (?:winning|being elected)|newly elected|"
                # the winner set by KPU, the end of the window of UU 10/2016 Pasal 71 ayat (3)
                r"(?:sudah |telah )?(?:menetapkan|netapin|netapkan|ditetapkannya|penetapan) (?:pasangan calon|paslon|calon) terpilih|"
                r"(?:pasangan calon|paslon|calon) terpilih (?:sudah |telah )(?:ditetapkan|diumumkan)|"
                r"(?:winners?|winning (?:pair|candidates?)|elected pair) (?:was|were|has been|have been|had been) (?:officially )?(?:set|declared|confirmed|named|determined)|"
                r"(?:set|declared|confirmed|named|determined) the (?:winners?|winning (?:pair|candidates?)|elected pair)|"
                r"(?:sworn in|inaugurated) as (?:the )?(?:deputy |vice )?(?:governor|regent|mayor|regional head)|"
                # ("the KPU declared them elected", "his pair won", "the governor will swear them in")
                r"declared (?:them |him |her |the pair |the pairs? )?(?:elected|the winners?)|(?:pair|ticket) (?:has )?won\b|swear (?:them|him|her) in|"
                r"(?:governor|regent|mayor|regional head|bupati|gubernur|wali ?kota) (?:was|has been|had been|is) (?:sworn in|inaugurated)|"
                r"(?:election|elections|pilkada|pemilu|pemilihan|pilpres|pileg) (?:is|was|are|were|sudah|telah) (?:over|selesai|usai)"),
    ("bakal-calon", r"bakal calon|bakal pasangan calon|belum (?:resmi )?(?:ditetapkan|jadi calon|menjadi calon|terdaftar)|"
                    # before the campaign period opens: the candidates are at most days from being confirmed, and
                    # campaigning is for its period only (a tie with "masa kampanye" goes to this stage, listed first)
                    r"sebelum (?:masa )?kampanye|(?:masa )?kampanye(?: \S+){0,4}? belum (?:di)?mulai|before the campaign(?: period)?|"
                    r"(?:the )?campaign(?: period)? (?:has not|had not|hasn't|has n't|had n't|is not|was not) (?:yet )?(?:started|begun|opened|underway)|"
                    r"sebelum (?:ditetapkan|penetapan|pendaftaran|resmi)|sebelum (?:kpu )?(?:resmi )?menetapkan|belum ada penetapan|"
                    # "penetapan paslon oleh KPU tinggal empat bulan lagi": the pairs are still to be set
                    r"penetapan (?:pasangan calon|calon)(?: oleh kpu)? (?:masih |tinggal |kurang )(?:sekitar |kira - kira |kurang lebih )?\S+ (?:hari|minggu|bulan) lagi|"
                    r"prospective candidates?|would[ -]be candidates?|pre[ -]candidates?|"
                    r"before (?:the )?(?:kpu|election commission) (?:(?:is|was) (?:due|going|about) to |(?:has|had) )?"
                    r"(?:confirms?|sets?|fix(?:es)?|determines?|names?|registers?|officially|confirmed|determined|named|registered)|"
                    r"before (?:the )?candidates? (?:are|is|were|was) (?:confirmed|determined|registered|set|official)|"
                    r"not (?:yet )?(?:officially )?(?:confirmed|registered|official|determined)(?: as (?:a )?candidates?)?|"
                    r"before (?:the )?(?:official )?registration|belum (?:resmi )?menetapkan|"
                    # the confirmation told as still to come ("the KPU will set the candidate pairs on 22 September")
                    r"(?:kpu|election commission|commission)(?: \S+){0,2}? (?:will|is going to|is due to|is set to|plans to) (?:officially )?"
                    r"(?:set|confirm|name|determine|register|announce|designate|fix)(?! (?:the |its )?(?:results?|winners?|outcome|count))|"
                    r"kpu(?: \S+){0,2}? (?:baru )?akan (?:resmi )?menetapkan (?:pasangan calon|paslon|calon)|"
                    r"penetapan (?:pasangan calon|paslon|calon)(?: oleh kpu)? (?:baru )?(?:akan|dijadwalkan)|"
                    r"(?:kpu|election commission|commission) (?:has|have|had) not (?:yet )?(?:officially )?"
                    r"(?:set|confirmed|named|registered|determined|announced|designated)(?! (?:the |its )?(?:results?|winners?|outcome|count))"),
    ("kampanye", r"masa kampanye|musim kampanye|selama kampanye|saat kampanye|waktu kampanye|pas kampanye|jadwal kampanye|di tengah kampanye|kampanye (?:sedang )?berlangsung|"
                 r"during (?:the |this )?(?:[a-z]+ )?(?:election |pilkada |pemilu )campaign|mid - campaign|"
                 # the campaign told as begun ("the pilkada campaign has started", "kampanye sudah dimulai")
                 r"(?:kampanye|campaign)(?: [a-z]+){0,3}? (?:has|have|had|sudah|telah|udah|baru|is) (?:already |just |now |officially |resmi )?(?:started|begun|underway|dimulai|mulai)|"
                 # ("right in the middle of the Pilkada campaign": the name of the election normalised to three words)
                 r"in the (?:very )?middle of (?:the |this |a )?(?:[a-z]+ ){0,3}?campaign(?! (?:team|rally|event|meeting|post))|"
                 r"while the (?:[a-z]+ )?campaign (?:is|was) (?:on|running|underway|going on)|"
                 r"sudah (?:resmi )?ditetapkan|setelah (?:ditetapkan|penetapan)|campaign period|during the campaign|"
                 r"campaign season|after (?:the )?(?:kpu|election commission) (?:confirmed|set|determined|named)(?! the (?:winn|elected))|"
                 r"(?:officially|already) (?:confirmed|registered) (?:as )?candidates?|"
                 r"(?:sudah |telah |baru |resmi )*ditetapkan (?:kpu )?(?:sebagai|jadi|menjadi) (?:calon|pasangan calon|caleg)|"
                 r"(?:resmi|sudah) (?:jadi|menjadi) (?:calon|pasangan calon|caleg) (?:tetap|resmi)|daftar calon tetap|calon tetap|dct|"
                 r"(?:has|have|had|was|were|is|are) (?:just |already |now |officially )*(?:been )?"
                 r"(?:set|confirmed|named|designated|determined|listed) as (?:an? |the )?(?:official )?(?:[a-z-]+ )?candidates?|"
                 r"final candidate list"),
]
_STAGE_RX = [(s, re.compile(rf"\b(?:{p})\b")) for s, p in _STAGE_TERMS]
# In the law's words a candidate pair (pasangan calon) and its ballot number exist only once KPU
# has confirmed the candidates; before that they are a prospective pair (bakal pasangan calon). So do the public
# debates between the candidates that KPU holds, a form of campaign (UU 10/2016 Pasal 65 ayat (1) huruf c, Pasal 68).
_CONFIRMED = re.compile(r"\b(?<!bakal )(?:pasangan calon|candidate pairs?|nomor urut|ballot numbers?|pair (?:number|no) ?\d|"
                        r"debat (?:publik |terbuka |resmi )?(?:antar ?)?(?:calon|kandidat|capres|cagub|cabup|cawalkot)|debat (?:publik|resmi|kpu)|"
                        r"(?:official|public|televised|kpu|election commission) (?:[a-z-]+ ){0,3}?debates?|"
                        r"debates? (?:between|among) (?:the )?(?:candidates?|pairs?))\b")


def detect_stage(text: str) -> tuple[str | None, str | None]:
    """(stage, the words) the question names, or (None, None)."""
    t = normalise(text)
    found = [(m.start(), stage, m.group(0)) for stage, rx in _STAGE_RX if (m := rx.search(t))
             # a campaign told as over ("masa kampanye sudah selesai dan sekarang masa tenang") is not the stage
             and not (stage == "kampanye" and _OVER.match(t, m.end()))]
    if not found:
        return None, None
    _, stage, words = min(found, key=lambda f: f[0])
    return stage, words


_OVER = re.compile(r"(?:\s+\S+){0,4}?\s+(?:sudah|telah|udah|is|has|was|had)\s+(?:selesai|berakhir|usai|tutup|lewat|over|ended|finished|closed)\b")


# Which election: a regional one (governor, regent, mayor: UU 1/2015 as amended) or a general
# one (President, DPR, DPD, DPRD: UU 7/2017). "Pemilu" alone is often said of both, so it
# counts only when nothing names a regional election.
_PILKADA = re.compile(
    r"\b(?:pemilihan kepala daerah|pemilihan (?:gubernur|bupati|wali ?kota)|calon (?:wakil )?(?:gubernur|bupati|wali ?kota)|"
    r"bakal calon (?:wakil )?(?:gubernur|bupati|wali ?kota)|pasangan calon (?:gubernur|bupati|wali ?kota)|calon kepala daerah|"
    r"regional elections?|regional(?: - | )heads? elections?|local elections?|(?:regent|mayor|governor|gubernatorial|mayoral|regency|bupati|wali ?kota|gubernur)(?:'s)? "
    r"(?:upcoming |next |coming |forthcoming )?(?:re ?- ?election |reelection )?(?:candidates?|elections?|race|campaigns?|(?:candidate )?pairs?|tickets?)|"
    r"candidates? for (?:regent|mayor|governor)|pilkada)\b"
    # a regional head who runs for the same office again ("our mayor is running for a second term", "bupati maju lagi")
    r"|\b(?:regent|mayor|governor|bupati|wali ?kota|gubernur)\b(?:(?!\b(?:tidak|tak|bukan|not|cannot|no longer)\b)[^.?!;]){0,30}?"
    r"\b(?:running|runs|seeking|seeks|maju|mencalonkan diri|nyalon) (?:again|lagi|kembali|for (?:a )?(?:second|another) term|"
    r"for re ?- ?election|(?:untuk )?periode kedua)\b"
)
_PEMILU = re.compile(
    r"\b(?:calon (?:wakil )?presiden|calon anggota (?:legislatif|dpr|dprd|dpd)|calon legislatif|anggota (?:dpr|dprd|dpd)|"
    r"pemilihan (?:presiden|legislatif)|presidential|legislative|parliamentary|(?:dpr|dprd|dpd) candidates?|"
    r"candidates? for (?:president|parliament|the dprd?|the dpd)|caleg|capres)\b"
)
_PEMILU_GENERIC = re.compile(r"\b(?:pemilihan umum|general elections?)\b")


# A seat someone holds ("Anggota DPR RI ... mau ikut kampanye paslon bupati") is not the election asked about
_SEAT_HELD = re.compile(r"\banggota (?:dpr|dpd|dprd)(?: ri)?\b|\b(?:dpr|dpd|dprd) members?\b|\bmembers? of (?:the )?(?:dpr|dpd|dprd)\b")


def detect_election(text: str) -> tuple[str | None, str | None]:
    """("pilkada" | "pemilu", the words), or (None, None) when the question does not say or names both."""
    t = _SEAT_HELD.sub(" ", normalise(text))
    pilkada, pemilu = _PILKADA.search(t), _PEMILU.search(t)
    if pilkada and pemilu:
        return None, None
    if pilkada:
        return "pilkada", pilkada.group(0)
    if hit := pemilu or _PEMILU_GENERIC.search(t):
        return "pemilu", hit.group(0)
    return None, None


# What the rule base is about: elections and the political neutrality of officials. A
# question with none of these words (in the law's terms or everyday ones, after chat
# spelling is written out) is outside it, however close its other words come to a rule
# ("annual leave" is not "campaigning on leave").
_DOMAIN = re.compile(
    r"\b(?:kampanye\w*|berkampanye|calon|pencalonan|mencalonkan|dicalonkan|kandidat|partai|parpol|politik\w*|"
    r"pemilu|pemilihan|pilkada|pileg|pilpres|mencoblos\w*|dicoblos|coblos\w*|nyoblos\w*|hak pilih|pemilih|memilih|dipilih|pilih|"
    r"pilihan\w*|suara|tps|kpu|kpps|pps|caleg\w*|capres|cawapres|cagub|cabup|cawalkot|paslon\w*|timses\w*|jurkam|"
    r"bawaslu|panwaslu|panwascam|gakkumdu|\w*dukung\w*|memihak|berpihak|keberpihakan|netral\w*|deklarasi|relawan|"
    r"tim sukses|tim pemenangan|tim kampanye|alat peraga|baliho|spanduk|atribut|petahana|visi misi|debat|orasi|"
    r"konvoi|rapat umum|serangan fajar|golput|masa tenang|minggu tenang|hari tenang|nomor urut|quick count|dilantik|pelantikan|terpilih|"
    # standing for office
    r"maju (?:jadi|sebagai|menjadi|di|ke|dalam|lagi|pada)|maju (?:\w+ )?(?:bupati|wali ?kota|gubernur|presiden|wakil|dprd|dpr|dpd|kades|kepala desa)|"
    r"jalur (?:perseorangan|independen)|running (?:for|in|as)|runs? (?:for|in|as)|ran (?:for|in|as)|"
    # ... or picking someone for one ("pick no. 3 for regent")
    r"(?:pick|picks|picked|choose|chose|tick) (?:no|number|nomor|pair)|for (?:regent|mayor|governor|president|bupati|wali ?kota|gubernur)|"
    r"stand(?:s|ing)? (?:for|in|as)|nominee|(?:governor|gubernatorial|regent|regency|mayor|mayoral|presidential|legislative|regional) races?|"
    # the discipline and ethics that enforce neutrality
    r"disiplin|hukuman\w*|pelanggaran|kode etik|majelis kode etik|sanksi\w*|teguran|pemberhentian|diberhentikan|"
    r"campaign\w*|candidacy|candidates?|elections?|electoral|elect|elected|votes?|voting|voters?|ballots?|"
    r"polling|polls?|party|parties|politics|political|partisan\w*|neutral\w*|rally|rallies|endorse\w*|"
    r"incumbent|declaration|declar(?:e|es|ed|ing)|hopefuls?|backing(?! up)|nominat\w*|support\w*|canvass\w*|debates?|quiet (?:period|week|days?)|ballot numbers?|"
    r"presidential|legislative|pairs?|inaugurat\w*|sworn in|swearing in|disciplin\w*|code of ethics|ethics council|moral sanction|"
    r"reprimand\w*|dismiss\w*|punish\w*|violations?|sanctions?|penalt(?:y|ies))\b"
)


def domain_words(text: str) -> str | None:
    """The first word that puts a question in the rule base's subject, or None."""
    m = _DOMAIN.search(normalise(text))
    return m.group(0) if m else None


_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_PAST = re.compile(
    r"\b(?:aturan lama|peraturan lama|pp lama|undang undang lama|uu lama|pada masa itu|zaman dulu|"
    r"kasus lama|perkara lama|pelanggaran lama|old (?:rules?|regulations?|laws?|cases?)|former (?:rules?|regulations?)|"
    r"back then|in those days)\b"
)
_BEFORE_YEAR = re.compile(r"\b(?:sebelum|before|prior to)\s+(?:tahun\s+|the year\s+)?((?:19|20)\d\d)\b")
# A regulation's number and year ("PP 94/2021", "UU No. 7 Tahun 2017"; not a date, "2/3/2020"): the year names the law,
# not the time of an act
_REGULATION_NO = re.compile(r"(?<!/ )(?<!/)\b\d{1,4}\s*/\s*(?:19|20)\d\d\b|\b(?:nomor|no)\s*\.?\s*\d{1,4}\s+tahun\s+(?:19|20)\d\d\b")


# How many months before KPU sets the candidate pairs, or since a regional head took office, an act is told:
# the windows of UU 10/2016 Pasal 71 ayat (2) and (3) (from six months before the pairs are set) and of Pasal
# 162 ayat (3) (the first six months after the inauguration) are counted in months.
_NUMBER_WORDS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10,
    "sebelas": 11, "dua belas": 12, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1,
}
_NUM = r"(?P<n>\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_SPAN = rf"{_NUM}\s*(?P<unit>months?|bulan|years?|yrs?|tahun)"
_ABOUT = r"(?:(?:about|roughly|around|some|approximately|nearly|almost|only|just|sekitar|kira-kira|kurang lebih|hampir|cuma|hanya|tinggal|baru)\s+)*"
_PAIRS_SET = r"(?:kpu|penetapan|menetapkan|ditetapkan|pairs?|paslon|pasangan calon|candidates? (?:are|is|will be|were) (?:set|confirmed|named|fixed))"
_BEFORE_PAIRS = (
    re.compile(rf"\b{_ABOUT}{_SPAN}\s+(?:before|sebelum|ahead of|prior to)\b[^.?!;]{{0,40}}?\b{_PAIRS_SET}"),
    re.compile(rf"\b{_PAIRS_SET}\b[^.?!;]{{0,100}}?\b(?:in|within|dalam|tinggal)\s+{_ABOUT}{_SPAN}\b"),
    re.compile(rf"\b{_PAIRS_SET}\b[^.?!;]{{0,100}}?\b{_ABOUT}{_SPAN}\s+(?:from now|away|lagi|dari sekarang|ke depan)\b"),
)
_IN_OFFICE = (
    re.compile(rf"\b(?:sworn in|inaugurated|dilantik|took office|took up office|menjabat|in office)\b[^.?!;]{{0,20}}?\b{_ABOUT}{_SPAN}\s+(?:ago|lalu|yang lalu|sebelumnya)\b"),
    re.compile(rf"\b{_ABOUT}{_SPAN}\s+(?:after|setelah|sesudah|sejak|since|into)\s+(?:the |his |her |its |their )?(?:inauguration|pelantikan|pelantikannya|dilantik|being sworn in|(?:he|she) was sworn in|taking office|(?:his|her) term)\b"),
    re.compile(rf"\b(?:sudah|telah|baru|been|for|after|setelah)\s+{_ABOUT}{_SPAN}\s+(?:menjabat|in office|dalam jabatan)\b"),  # not "still has 2 months in office"
    # (the time left is not the time in office: "masih menjabat 8 bulan lagi", "in office for two more years")
    re.compile(rf"\b(?:in office|menjabat|serving)\s+(?:for\s+|selama\s+)?{_ABOUT}{_SPAN}\b(?!\s+(?:lagi|more|left|remaining|to go))"),
    re.compile(rf"\b(?:a regent|a mayor|a governor|bupati|wali kota|gubernur)\s+(?:for|selama)\s+{_ABOUT}{_SPAN}\b(?!\s+(?:lagi|more|left|remaining|to go))"),
)
_NTH_YEAR = re.compile(r"\b(?P<n>\d{1,2})(?:st|nd|rd|th)\s+(?:yr|year)\s+(?:in office|of (?:his|her|my) term)\b|\btahun (?:ke-?\s*)?(?P<m>\d{1,2}|kedua|ketiga|keempat|kelima) (?:menjabat|masa jabatan)")
_ORDINAL = {"kedua": 2, "ketiga": 3, "keempat": 4, "kelima": 5}
# The month KPU sets (or is to set) the pairs and the month it is now ("penetapan paslon dijadwalkan
# bulan September, sekarang masih Januari", "the pairs will be set in late September; it's now May"):
# months apart when the setting is still to come in the same year
_MONTH_NUMBER = {name.lower(): i for names in (MONTHS_ID, MONTHS_EN) for i, name in enumerate(names, 1)}
_MONTH = "(?P<mon>" + "|".join(_MONTH_NUMBER) + ")"
_PAIRS_MONTH = re.compile(rf"\b{_PAIRS_SET}\b[^.?!;]{{0,80}}?\b(?:bulan|in|on|pada|early|late|mid|end of|akhir|awal|pertengahan)\s+(?:bulan\s+)?{_MONTH}\b")
_NOW_MONTH = re.compile(rf"\b(?:sekarang|kini|saat ini|now|currently|it ' s|it is)\s+(?:\S+\s+){{0,2}}?{_MONTH}\b(?:\s+(?P<year>(?:19|20)\d\d))?")
# ... and the month the regional head was sworn in ("dilantik bulan Februari, sekarang udah Oktober", "sworn in on 20
# February 2025; it is now June"): the months in office, the next year's when the month now comes before it
_SWORN_MONTH = re.compile(rf"\b(?:sworn in|inaugurated|dilantik|took office|pelantikan(?:nya)?)\b[^.?!;]{{0,40}}?\b{_MONTH}\b(?:\s+(?P<year>(?:19|20)\d\d))?")


def _months(m: re.Match[str]) -> int:
    n = m.group("n")
    count = int(n) if n.isdigit() else _NUMBER_WORDS[n]
    return count * 12 if m.group("unit").startswith(("y", "t")) else count


def detect_months(norm: str) -> tuple[int | None, int | None]:
    """(months before the candidate pairs are set, months the regional head had been in office)
    as a (normalised) question tells them: "KPU sets the pairs roughly 8 months from now", "empat
    bulan sebelum KPU menetapkan paslon"; "sworn in 8 months ago", "sudah empat tahun menjabat",
    "4th yr in office"; or the month the pairs are set, or the head was sworn in, and the month
    it is now ("penetapan paslon bulan September, sekarang masih Januari", "dilantik Februari,
    sekarang Oktober"). None where it tells no such span."""
    before = next((_months(m) for rx in _BEFORE_PAIRS if (m := rx.search(norm))), None)
    if before is None and (told := _PAIRS_MONTH.search(norm)) and (now := _NOW_MONTH.search(norm)):
        gap = _MONTH_NUMBER[told.group("mon")] - _MONTH_NUMBER[now.group("mon")]
        before = gap if gap > 0 else None
    office = next((_months(m) for rx in _IN_OFFICE if (m := rx.search(norm))), None)
    if office is None and (sworn := _SWORN_MONTH.search(norm)) and (now := _NOW_MONTH.search(norm, sworn.end())):
        months = _MONTH_NUMBER[now.group("mon")] - _MONTH_NUMBER[sworn.group("mon")]
        years = int(now.group("year")) - int(sworn.group("year")) if now.group("year") and sworn.group("year") else None
        span = years * 12 + months if years is not None else months % 12
        office = span if span > 0 else None  # (a month "now" before the swearing-in of a later year tells no span)
    if office is None and (nth := _NTH_YEAR.search(norm)):
        year = int(nth.group("n")) if nth.group("n") else int(g) if (g := nth.group("m")).isdigit() else _ORDINAL[g]
        office = (year - 1) * 12 + 1
    return before, office


def detect_time(text: str) -> tuple[tuple[int, ...], bool]:
    """The years a question names (not those of a regulation's number), and whether it speaks of the past law
    ("aturan lama", "back then"): a rule of a revoked regulation answers only such questions."""
    t = _REGULATION_NO.sub(" ", normalise(text))
    before = {int(y) for y in _BEFORE_YEAR.findall(t)}  # "sebelum 2021": a year before it
    years = tuple(int(y) - 1 if int(y) in before else int(y) for y in _YEAR.findall(t))
    return years, bool(_PAST.search(t))


# The frame of a question about the sanction ("apa sanksi bagi ... yang", "what punishment does
# ... face for"): the card always gives the sanction, so the frame is not part of the act asked about.
_SANCTION_FRAME = re.compile(
    r"\b(?:apa (?:sanksi|hukuman)(?:nya)?(?: (?:bagi|untuk|buat))?|(?:sanksi|hukuman)nya apa|kena sanksi apa|"
    r"what (?:is|are|would be|will be) the (?:sanctions?|punishments?|penalt(?:y|ies))(?: for)?|"
    r"what (?:sanctions?|punishments?|penalt(?:y|ies))(?: (?:does|do|would|will|can|could|might))?(?: \S+){0,4}? "
    r"(?:face|get|receive|incur|risk)(?: for)?)\b"
)


# The frame of a question that only asks whether what it tells is a breach ("is that a neutrality
# breach", "apakah itu melanggar netralitas", "does neutrality even apply to"): the question is about
# the act it tells, not about the general duty, unless the frame is all there is (then it stays).
_BREACH_FRAME = re.compile(
    r"\b(?:(?:apakah |apa )?(?:itu |ini |hal itu |hal ini )?(?:sudah |udah |bisa |dapat )?(?:termasuk |dianggap |kena |terkena )?"
    r"(?:melanggar|pelanggaran)(?: (?:aturan|asas|prinsip|kode etik|ketentuan))? netralitas(?: (?:asn|pns|pegawai))?"
    r"(?: (?:gak|nggak|ga|enggak|tidak|belum|kah))?|kena (?:aturan|pasal) netralitas(?: (?:asn|pns))?|"
    r"(?:is|was|would) (?:that|this|it|doing that|doing this) (?:really |even |still )?(?:a |an )?(?:neutrality )?"
    r"(?:breach|violation|offence|offense)(?: of (?:the )?neutrality(?: rules?| duty)?)?|"
    r"(?:does|do|did|would) (?:that|this|it) (?:breach|violate|break|infringe) (?:the )?neutrality(?: rules?| duty)?|"
    r"(?:does|do) (?:the )?neutrality(?: (?:rules?|stuff|duty|obligations?|requirement))? (?:even |still |also |really )?apply|"
    # a worry about how it looks asks the same: "takut dikira nggak netral", "afraid people will think I'm partisan"
    r"(?:takut|khawatir|kuatir|cemas) (?:nanti )?(?:dikira|dianggap|disangka|dicap|terlihat|kelihatan) (?:tidak |kurang )?netral|"
    r"(?:afraid|worried|scared|concerned) (?:that )?(?:it |this |people |they |others |colleagues )?(?:will |would |might |may )?"
    r"(?:looks?|seems?|thinks?|sees?|be seen|considers?)(?: me)? (?:like |as )?(?:i am |being )?(?:not neutral|partisan|biased)|"
    # a premise that only restates the general duty before the question: "asn kan wajib netral, berarti ..."
    r"(?:kan |karena |since |as |because )?(?:wajib|harus|must|have to|has to|are supposed to|is supposed to|should) "
    r"(?:be |stay |remain |bersikap |tetap |menjaga )?(?:netral|neutral|netralitas|neutrality)(?: [,.])?"
    r" (?:berarti|jadi|artinya|so|that means|does that mean|which means|then)|"
    # ... or a premise marked as one, ending its clause: "kan katanya harus netral,", "since we must stay neutral,",
    # "we are supposed to be neutral right?"
    r"(?:(?:kan|karena|katanya|kata orang|bukannya|since|because|they say|i heard) )+(?:(?:asn|pns|kita|kami|we|civil servants|pegawai) ){0,2}"
    r"(?:(?:are|is) )?(?:wajib|harus|must|have to|has to|supposed to|should) (?:be |stay |remain |bersikap |tetap |menjaga )?"
    r"(?:netral|neutral|netralitas|neutrality)(?= [,.?!]|$)|"
    # ... or told as what someone said: "someone at the office said to stay 'neutral'", "my boss told us to be neutral"
    r"(?:said|says|told (?:us|me|them)|bilang|ngomong)(?: (?:that|kalau|we|you|kita|harus|must|should|have to))* "
    r"(?:to )?(?:be |stay |remain |tetap |bersikap )'?(?:netral|neutral)|"
    r"(?:asn|pns|kita|kami|we|civil servants) (?:are |is )?(?:supposed to|wajib|harus|must) (?:be |stay |tetap )?(?:netral|neutral)"
    r"(?: (?:right|kan|ya|sih))?(?= [,.?!]|$))\b"
)
_MIN_LEFT = 4  # words a question must keep besides the frame for the frame to go


# What someone else says or the asker believed, told after the question ("pns boleh nyoblos? kata teman kantor
# asn harus netral jadi golput aja", "can ASN vote?? thought neutral = no voting"): the premise the asker
# doubts, not the act asked about
_HEARSAY_AFTER = re.compile(
    r"\?\s*(?:(?:lol|sih|soalnya|because|coz|cause|but|tapi|karena|so|jadi) )?"
    r"(?:(?:i )?thought|i heard|heard|they say|people say|someone (?:says|said|told)|(?:my|a|our) \S+(?: \S+)? (?:says|said|told me|claims)|"
    r"kirain|kukira|(?:saya|aku|ku) kira|katanya|kata (?:\S+ ){1,3}?(?:saya |aku )?(?=\S)|(?:teman|temen|senior|atasan|orang)(?: \S+){0,2} (?:bilang|ngomong))"
    r"[^?]*$"
)


# ... or what someone said, told before a question that checks it and what the asker then says they
# want ("A colleague says ASN should stay home on voting day. Is that actually a rule? I want to vote."):
# the claim is what is checked; the act asked about is the asker's own
_CHECKS_CLAIM = re.compile(
    r"(?:^|[.!?]\s*)((?:is that|is this|is it|apakah itu|apa itu|apakah benar|benarkah|memang)\b[^.?!]{0,40}?"
    r"\b(?:a rule|the rule|true|right|correct|aturan(?:nya)?|benar|betul|bener)\b[^.?!]*\?)"
)
_OWN_WISH = re.compile(r"\s*(?:but |tapi |padahal )?(?:i|we|saya|kami) (?:[^?]*\s)?(?:want|wanted|would like|plan|intend|mau|ingin|pengin|berencana)\b[^?]*$")
_SAID_BEFORE = re.compile(r"\b(?:says|said|told (?:me|us|them)|claims?|insists?|bilang|katanya|kata (?:\S+ ){1,3}?)")


def without_frame(text: str, min_left: int = _MIN_LEFT) -> str:
    """A (normalised) question less the words that only ask for the sanction, or only ask
    whether what it tells is a breach of neutrality (when it tells something), less a
    premise told after the question (`_HEARSAY_AFTER`), and less a claim told before a
    question that checks it when the asker then says what they want (`_CHECKS_CLAIM`)."""
    if (m := _HEARSAY_AFTER.search(text)) and len(text[: m.start() + 1].split()) >= _MIN_LEFT:  # the question with its "?"
        text = text[: m.start() + 1]
    if (c := _CHECKS_CLAIM.search(text)) and _SAID_BEFORE.search(text, 0, c.start(1)) and _OWN_WISH.match(text, c.end()):
        text = text[c.start(1):]
    t = _SANCTION_FRAME.sub(" ", text)
    rest = _BREACH_FRAME.sub(" ", t)
    return rest if len(rest.split()) >= min_left else t


# The asker asks whether they may answer what they tell with an act of their own ("Can I report this to
# Bawaslu?", "Saya boleh melaporkannya?", "Can I refuse?"): that act is the one asked about, the story
# only its subject. Each such act is an element of the rule base (corpus/rules/elements.toml) with its
# verbs here. Asking where or to whom to report ("Where can I report this?", "ke mana saya lapor") asks
# about the report too (its card says where); asking how to refuse takes the refusal as given.
# Gathering the evidence first is a part of the report ("boleh saya screenshot terus lapor ke Bawaslu?", "can I screenshot
# it and report it?")
_EVIDENCE_ID = (r"(?:(?:screenshot|ss|tangkap layar|menangkap layar|foto|memfoto|memotret|potret|rekam|merekam|catat|mencatat|simpan|menyimpan|"
                r"kumpulkan|mengumpulkan)(?:kan|in|nya)?(?: (?:bukti|buktinya|itu|ini|dulu)| (?!terus|trus|lalu|dan|kemudian)[^ .?!,;]+){0,4}? (?:terus|trus|lalu|dan|kemudian) (?:saya |aku )?)?")
# sending it to the election supervisors or the civil-service bodies is reporting it ("kirim ke Bawaslu")
_TO_SUPERVISOR = r"(?:bawaslu|panwas\w*|pengawas pemilu|bkn|kasn|inspektorat)"
_EVIDENCE_EN = (r"(?:(?:screenshot|photograph|record|film|save|collect|document|take (?:a )?(?:photo|picture|screenshot)s? of)"
                r"(?: (?:it|this|that|them|the (?:post|evidence|video|messages?))| (?!and|then)[^ .?!,;]+){0,4}? (?:and(?: then)?|then) )?")
_ASKER_ACTS = {
    "melapor": (_EVIDENCE_ID + r"(?:lapor|melapor|laporkan|melaporkan|laporkannya|melaporkannya|mengadu|mengadukan|adukan|"
                rf"(?:kirim|mengirim|kirimkan|mengirimkan|kirimin|teruskan|meneruskan)(?:nya)? ke {_TO_SUPERVISOR})",
                _EVIDENCE_EN + rf"(?:report|file (?:a|an|the|this|my|our) (?:report|complaint)|complain|(?:send|forward)(?: (?:it|this|that|them))? to {_TO_SUPERVISOR})"),
    "menolak": (r"tolak|menolak|nolak|menolaknya|tolaknya", r"refuse|decline|say no|turn (?:it|this|that|him|her|them) down"),
    # contesting a punishment already imposed ("Can I challenge this decision?", "boleh saya banding?")
    "keberatan": (r"keberatan|mengajukan keberatan|banding|mengajukan banding|menggugat\w*|gugat",
                  r"appeal|challenge|contest|object to|file an objection|dispute"),
    # casting one's own vote, asked as such ("am I allowed to vote?", "boleh saya nyoblos?"); not with a side or
    # another act beside it in the clause ("can I vote for pair 2 and tell my staff to?": that act is asked too)
    "memberi-suara": (r"(?:ikut )?(?:mencoblos|nyoblos|coblos|memilih|milih|pilih)(?![^.?!;:]*\b(?:dan|serta|sambil|sekalian|untuk|buat|"
                      r"ajak|mengajak|ngajak|partai)\b)|(?:menggunakan|memakai) hak pilih",
                      r"vote(?![^.?!;:]*\b(?:and|while|also|by|party)\b)|cast (?:a|my|our) (?:vote|ballot)"),
}
# A superior asks whether they must handle what they tell of their staff ("Apakah saya wajib memprosesnya?",
# "Do I have to do something about it as his boss?"): handling the case (PP 94/2021 Pasal 24-27) is the
# act asked about, not the staff's breach.
_ASKER_DUTIES = {
    "penanganan": (r"memproses\w*|proses\w*|menindak\w*|menindaklanjuti\w*|memeriksa\w*|periksa|menghukum\w*|memanggil\w*|"
                   r"menjatuhkan|menegur\w*|melanjutkan",
                   r"do (?:something|anything) about (?:it|this|that|him|her|them)|act on|take action|process|examine|punish|discipline|handle|deal with|"
                   r"follow (?:it |this |that )?up|summon"),
}
ASKER_ACTS = (*_ASKER_ACTS, *_ASKER_DUTIES)  # the elements named by those acts
ASKER_DUTIES = tuple(_ASKER_DUTIES)
# Acts asked about whose subject is the story itself (the case to handle, the punishment to contest):
# matched on the whole question, not on the sentence that asks ("Can I challenge this decision?")
ASKED_WITH_STORY = (*ASKER_DUTIES, "keberatan")
# A rule with one of these elements answers only the asker who asks whether they may do it: a question
# that only speaks of a refusal asks about what came of it ("can my boss demote me for refusing?").
ONLY_WHEN_ASKED = frozenset({"menolak"})
# How the asker asks whether they may do the act ("boleh nggak lapor": the "or not" of the question), or whether
# they were wrong to do it ("saya salah nggak sih menolak?", "was I wrong to refuse?")
# who the asker is may stand after "saya" / "I": "( PNS )", ", sebagai PNS ,", "as a civil servant"
_AS_ID = r"(?: \( [^()]{1,30} \)|(?: ,)? sebagai(?: [^ ,?()]+){1,4}?(?: ,)?)?"
# ... or a servant as such ("boleh gak PNS lapor?", "can a civil servant refuse?"): the asker, a servant too by default
_SERVANT_ID = r"(?:seorang )?(?:pns|asn|pppk|cpns)"
_SERVANT_EN = r"(?:an? )?(?:pns|asn|pppk|cpns|civil servant|government employee)s?"
_AS_EN = r"(?: \( [^()]{1,30} \)|(?: ,)? as (?:a |an |the )?(?:[^ ,?()]+ ){0,3}?[^ ,?()]+(?: ,)?)?"
# (not a purpose or another's ability: "biar semua bisa nyoblos", "supaya warga dapat memilih")
_ASKS_ID = (r"(?<!semua )(?<!mereka )(?<!warga )(?<!orang )(?<!dia )(?<!biar )(?<!agar )(?<!supaya )(?<!sehingga )"
            rf"(?:(?:boleh|bolehkah|bisa|bisakah|dapat|dapatkah|apakah|apa)(?: tidak| kan)?(?: (?:saya|kami|kita|{_SERVANT_ID}){_AS_ID})?(?: (?:boleh|bisa|dapat))?(?: tidak)?"
            rf"|(?:saya|kami|kita){_AS_ID} (?:boleh|bisa|dapat)(?:kah)?(?: tidak)?|(?:saya|kami) salah(?: tidak)?)"
            # ... with a word of manner before the act ("boleh nggak saya langsung lapor", "bisa saya tetap menolak?")
            r"(?: (?:langsung|juga|tetap|tetep|cukup|sekadar|sekedar|segera|sendiri))?")
_ASKS_EN = (rf"(?:(?:can|may|could|should) (?:i|we|{_SERVANT_EN}){_AS_EN}|(?:am i|are we)(?: still| also| even| really)? allowed to|is it (?:ok|okay|allowed|legal) (?:for me )?to"
            r"|(?:was|am) i wrong to|is it wrong (?:for me )?to)(?: also| still| even| just| simply| actually)?(?: go(?: and)?)?")
_MUST_ID = r"(?:(?:(?:apakah|apa) )?(?:saya|kami|aku) (?:wajib|harus|perlu|mesti)|(?:wajib|harus|perlu)kah (?:saya|kami|aku))"
_MUST_EN = r"(?:(?:do|must|should) (?:i|we)(?: actually| really| even| still)?(?: have to| need to)?|am i (?:obliged|required) to)"
# ... or whether doing it gets them punished ("kalau saya lapor ke Bawaslu, saya bisa kena sanksi?", "if I report him,
# can I be punished?")
# "kalau saya (PNS) lapor ...", "if I (a PPPK) refuse ...": who the asker is may stand between, and what the act is done
# to may stand first ("kalau unggahan itu saya tangkap layar lalu saya laporkan ...")
# ("kalau saya staf kelurahan ( PNS ) lapor": words before such brackets say who too)
_IF_I_ID = rf"(?:kalau|jika|bila|apabila)(?: (?:[^ ,?()]+ ){{0,2}}?(?:itu|ini|tersebut))? (?:saya|kami)(?:(?: [^ ,?()]+){{0,3}} \( [^()]{{1,30}} \)|{_AS_ID})"
_IF_I_EN = rf"if (?:i|we)(?:(?: [^ ,?()]+){{0,3}} \( [^()]{{1,30}} \)|{_AS_EN})"
_PUNISHED = (r"(?=[^?]{0,120}\b(?:kena|terkena|dikenai|disanksi|dihukum|dipecat|dimutasi|sanksi|punished|sanctioned|disciplined|"
             r"in trouble|fired|demoted|melanggar|breaking|violating|disobeying|insubordinat\w*|membangkang|pembangkangan|tidak netral|"
             r"not (?:being )?neutral|partisan|tak(?:e|ing) sides?|memihak|berpihak)\b)")
# ... in a sentence that asks: "He said that if I refuse I could be transferred." tells what was said
_IN_QUESTION = r"(?=[^.!?]*\?)"
# ... or with "may I?" after the act, the clause the asker's own ("lapornya ke BKN bisa nggak?", "saya tolak, boleh?");
# not for one's vote, whose verbs carry their own check that no side or other act stands in the clause
_ASKED_AFTER_ID = r"(?:^|[,.?!;:] |\b(?:saya|kami|kita) )(?:{verbs})(?:nya)?(?: [^ ,.?!;:]+){{0,4}}? (?:,? )?(?:boleh|bisa|dapat)(?: tidak| kan)?(?= \?| *$)"
# ... or one's own vote told, then whether the asker breaks a rule by it ("nanti di bilik sy mau pilih yg lain. sy ngelanggar
# aturan ga?"); the breach must be the asker's own, not a threat told after ("... yang tidak memilih paslon 1 dimutasi"),
# nor asked of another act of theirs in between ("Belum tentu saya pilih nomor 3. Kalau saya ambil (the envelope), saya bisa
# kena masalah?": the taking is asked about)
_OWN_VOTE_THEN_BREACH = (r"\b(?:saya|aku|kami)(?: (?:sudah|telah|tetap|tetep|mau|akan|ingin|nanti))* (?:{verbs})\b"
                         r"(?=(?:(?!\b(?:kalau|kalo|jika|bila|apabila|seandainya)\b)[^?]){{0,80}}\b(?:saya|aku|kami) (?:bisa |akan |bakal )?"
                         r"(?:melanggar|kena|disanksi|dihukum|salah)\b[^.!?]*\?)")
_ASKER_ACT = re.compile("|".join(
    rf"(?P<{name.replace('-', '_')}>\b{asks_id} (?:{verbs_id})\b|\b{asks_en} (?:{verbs_en})\b"
    + (rf"|\b{_IF_I_ID} (?:{verbs_id})\b{_IN_QUESTION}{_PUNISHED}|\b{_IF_I_EN} (?:{verbs_en})\b{_IN_QUESTION}{_PUNISHED}" if acts is _ASKER_ACTS else "")
    + ("|" + _ASKED_AFTER_ID.format(verbs=verbs_id) if acts is _ASKER_ACTS and name != "memberi-suara" else "")
    + ("|" + _OWN_VOTE_THEN_BREACH.format(verbs=verbs_id) if name == "memberi-suara" else "") + ")"
    for acts, asks_id, asks_en in ((_ASKER_ACTS, _ASKS_ID, _ASKS_EN), (_ASKER_DUTIES, _MUST_ID, _MUST_EN))
    for name, (verbs_id, verbs_en) in acts.items()
))
_WHERE_HOW = re.compile(r"\b(?:where|whom|who|how|ke ?mana|di ?mana|kepada siapa|ke siapa|bagaimana|gimana|caranya)\b")
# "Where can I report this?", "lapornya ke mana?", "who do I complain to?": the asker asks where to make a
# report of their own, which presumes they may: the act asked about is still the report
_REPORT_ID, _REPORT_EN = _ASKER_ACTS["melapor"]
_WHERE_ID = r"ke ?mana|ke siapa|kepada siapa|di ?mana"
_WHERE_TO_REPORT = re.compile(
    rf"\b(?:{_REPORT_ID})(?:nya)?(?: \S+){{0,3}}? (?:{_WHERE_ID})\b|\b(?:{_WHERE_ID})(?: \S+){{0,3}}? (?:{_REPORT_ID})(?:nya)?\b"
    rf"|\b(?:where|to whom|who)(?: \S+){{0,4}}? (?:{_REPORT_EN})\b"
)


# "Is this allowed? If not, where do I report it?": a report asked about only for the case that what the
# story tells is not allowed leaves that the question; the card of the act says where to report
_IF_NOT = re.compile(
    r"\b(?:kalau|kalo|klo|jika|jikalau|bila|apabila|seandainya|if)(?: (?:memang|ternyata|itu|ini|hal itu|it's|it is|that's|this is|it|that|this|they|he|she))?"
    r"(?: (?:is|are|was|were|memang|ternyata))? (?:tidak|tak|nggak|gak|ga|enggak|not|melanggar|dilarang|iya|ya|so|yes|prohibited|illegal|wrong|salah|a violation|a breach|against the rules?)\b"
)


def asks_besides(norm: str, begin: int, stop: int) -> bool:
    """Does a sentence of the (normalised) question that asks ask whether something is allowed
    or required outside `norm[begin:stop]` (the words that ask where to report)? "Is what the
    Sekda did allowed, and where can we report it?", "Apakah saya wajib menurut, dan ke mana
    saya bisa melapor?" ask about the act; where to report is a part of that answer. A chat with no "?" asks in all
    of it ("is that a violation and who do i report it to")."""
    asking = [(m.start(), m.group(0)) for m in _ASKING_SENTENCE.finditer(norm)] or [(0, norm)]
    return any(not begin <= at + w.start() < stop
               for at, sentence in asking for rx in (_ASKS_LEAVE_PLAINLY, _ASKS_DUTY) for w in rx.finditer(sentence))


# Whether neutrality means the asker must not vote ("Do I have to abstain?", "does that mean I shouldn't vote?",
# "apakah saya harus golput?"): asks whether they may cast their own vote
_ABSTAIN = (r"abstain|not vote|skip (?:the )?(?:voting|vote|election|polls)|sit (?:it|this|the (?:vote|election)) out|stay (?:at )?home"
            r"|golput|tidak (?:usah |perlu |boleh )?(?:ikut )?(?:mencoblos|memilih|ke tps|menggunakan hak pilih)")
# ... matched as that question, in the question's language
_MAY_I_VOTE = {"en": "may i vote in the election ?", "id": "bolehkah saya mencoblos dalam pemilihan ?"}
_ABSTAIN_ASKED = re.compile(
    rf"\b(?:{_MUST_EN}|should (?:i|we)|does (?:that|this|it|neutrality) mean (?:i|we) (?:have to|must|should|need to)|(?:i|we) (?:should|must|can)"
    rf"|{_MUST_ID}|(?:apakah|apa) (?:itu )?(?:berarti )?(?:saya|kami)(?: harus| wajib| mesti)?)(?: just| simply| really| then)? (?:{_ABSTAIN})\b(?! for\b| untuk\b){_IN_QUESTION}"
    # ... or whether neutrality takes one's vote away ("so i cannot vote at all??", "jadi saya tidak boleh mencoblos sama sekali?")
    rf"|\b(?:i|we) (?:cannot|can not|could not|may not|am not allowed to|are not allowed to) (?:vote|cast (?:a|my|our) (?:vote|ballot))\b(?! for\b){_IN_QUESTION}"
    rf"|\b(?:saya|kami|aku) (?:tidak|tak) (?:boleh|bisa|dapat) (?:ikut )?(?:mencoblos|memilih|menggunakan hak pilih)\b(?! (?:calon|paslon|pasangan|nomor))"
    rf"{_IN_QUESTION}"
    # ... asked of civil servants as a group ("can ASN actually vote in the pilgub??", "apakah ASN boleh mencoblos?"), or
    # a claim that they must abstain, asked about ("someone said ASN should golput on election day?? is that a thing")
    rf"|\b(?:can|may|do|does) (?:asn|pns|pppk|cpns|civil servants?)(?: actually| even| still| really)? vote\b(?! for\b){_IN_QUESTION}"
    rf"|\b(?:apakah|apa|bolehkah) (?:asn|pns|pppk|cpns) (?:boleh |bisa |tetap )?(?:mencoblos|memilih|menggunakan hak pilih)\b(?! (?:calon|paslon|pasangan|nomor)){_IN_QUESTION}"
    rf"|\b(?:asn|pns|pppk|cpns|civil servants?) (?:should|must|have to|harus|wajib|mesti) (?:{_ABSTAIN})\b(?! for\b| untuk\b)"
)


# the act asked about "like that" ("boleh nolak gitu?", "can he refuse like that?"): the one the story told
_LIKE_THAT = re.compile(r"(?: [^ ,.?!;:]+){0,4}? (?:gitu|begitu|seperti (?:itu|gitu|begitu)|like that)\b")


def asked_act(norm: str) -> tuple[str, str] | None:
    """The act of their own the asker asks whether they may do (an element's name) and the
    sentence of the (normalised) question that asks it, or None."""
    found = [(m.start(), m.end(), (m.lastgroup or "").replace("_", "-")) for m in _ASKER_ACT.finditer(norm)]
    where = [(m.start(), m.end(), "melapor") for m in _WHERE_TO_REPORT.finditer(norm)]
    for begin, stop, act in sorted(found + where):
        start = max((e.end() for e in _SENTENCE.finditer(norm, 0, begin)), default=0)
        if act != "melapor" and _WHERE_HOW.search(norm, start, begin):  # "how can I refuse": the refusal is given
            continue
        if act == "melapor" and _IF_NOT.search(norm, start, begin):
            continue
        if act == "melapor" and any(b < stop and begin < e and asks_besides(norm, min(b, begin), max(e, stop)) for b, e, _ in where):
            continue  # where to report is asked beside whether the act was allowed: the act is what is asked
        end = _SENTENCE.search(norm, stop)
        if _LIKE_THAT.match(norm, stop, end.start() if end else len(norm)) and not _FIRST_PERSON_ANY.search(norm, start, stop):
            continue  # "emang boleh nolak tanda tangan gitu?": the act told of another, asked about, is no act of the asker's
        return act, norm[start : end.end() if end else len(norm)].strip()
    return None


# What a question asks for: leave ("boleh?", "may I", "is he allowed") or duty ("wajib?", "must I"). A
# prohibition and a duty that both fit do not contradict each other (joining a party is prohibited; one
# who wants to must resign first): the one that answers what was asked leads.
_LEAVE_WORDS = (
    r"boleh|bolehkah|diperbolehkan|dibolehkan|diizinkan|dilarang|allowed|permitted|prohibited|forbidden|is it (?:ok|okay|legal|fine)|"
    # "gpp kan?", "nggak apa-apa kan?", "is that ok?"
    r"gpp|gapapa|tidak (?:apa ?-? ?apa|papa)|(?:is|was) (?:that|this) (?:ok|okay|fine|alright|legal)|"
    # "is that a problem?", "bermasalah nggak?"
    r"(?:is|was|would) (?:that|this|it) (?:be )?(?:a )?problem|bermasalah|jadi masalah|"
    # "is it a breach?" asks for the prohibition too
    r"melanggar|pelanggaran|violat\w*|breach\w*|illegal|unlawful|lawful|offen[cs]e"
)
_ASKS_LEAVE = re.compile(rf"\b(?:{_LEAVE_WORDS}|may|can|sah|aman)\b")
# ...without the words that also say how ("where can I report it so I'm safe?")
_ASKS_LEAVE_PLAINLY = re.compile(rf"\b(?:{_LEAVE_WORDS})\b")
_ASKS_DUTY = re.compile(r"\b(?:harus|haruskah|wajib|wajibkah|perlu|mesti|must|have to|has to|need to|needs to|required?|requires|requirements?|obliged|obligations?|kewajiban(?:nya)?|supposed to|(?<!on )(?<!off )duty|duties|seharusnya)\b")


def asking_part(norm: str) -> str:
    """The sentences of a (normalised) question that ask (they end with "?"), or the whole
    text when none does."""
    return " ".join(m.group(0) for m in _ASKING_SENTENCE.finditer(norm)) or norm


def asking_with_antecedent(norm: str, asking: str) -> str:
    """`asking` (the question's `asking_part`, as `QuestionFacts.asking` keeps it), and when
    that is a bare "can he?" of a few words ("can he??", "boleh gitu?"), the sentence before it
    too: that is what it asks about ("my boss says he'll question me in front of the whole
    staff. can he??")."""
    if len(asking.split()) > 4 or asking == norm:
        return asking
    first = _ASKING_SENTENCE.search(norm)
    ends = [m.end() for m in _SENTENCE.finditer(norm, 0, first.start())] if first else []
    before = norm[ends[-2] if len(ends) > 1 else 0 : ends[-1] if ends else 0]
    return f"{before} {asking}".strip()


# The asker is the superior of someone in the story: "one of my staff", "bawahan saya", "I'm his direct superior"
_HANDLER = re.compile(
    r"\b(?:(?:staf|staff|bawahan|anak buah|pegawai) (?:saya|kami|aku)|(?:staf|bawahan|anak buah) ?ku\b"
    r"|(?:saya|aku) [^.?!;]{0,40}\b(?:atasan|kepala)(?: langsung)? (?:dari|bagi|untuk|para)\b|(?:saya|aku) (?:adalah )?atasan(?: langsung)?nya"
    r"|(?:sebagai|selaku) atasan(?:nya| langsung(?:nya)?)?"
    # ("saya kasubbag, atasan langsung seorang staf", "sy kapus, atasan langsungnya")
    r"|(?:(?:dan|adalah|selaku) |(?<=, ))(?:atasan langsung (?!saya|kami|aku)\w+|atasan(?: langsung)?nya\b)"
    r"|my (?:own )?(?:staff|staf|subordinates?|employees?)"
    r"|one of my (?:\S+ ){0,3}(?:staff|staf|heads|officers|employees|subordinates|clerks|nurses|midwives|teachers|doctors|workers|drivers|officials)"
    r"|salah (?:satu|seorang) (?:staf|pegawai|bawahan|anak buah|kepala seksi|kasi|kasubbag|penyuluh|guru|perawat|bidan|sopir)(?: \S+){0,2} saya"
    # ... or one who works in the asker's own office ("seorang kasubag di dinas saya", "a section head in my agency"), or the
    # asker who names himself the official who punishes ("saya pejabat yang berwenang menghukum")
    r"|(?:seorang|salah (?:satu|seorang)) (?:staf|pegawai|bawahan|kepala seksi|kasi|kasubag|kasubbag|kabid|kepala bidang|kepala sub\w*|penyuluh|guru|perawat|bidan|sopir)"
    r"(?: \S+){0,3}? (?:di|pada) (?:dinas|kantor|unit|bagian|instansi|sekolah|puskesmas|rsud|bidang|badan|kecamatan|seksi) (?:saya|kami)"
    r"|(?:saya|aku) [^.?!;]{0,60}\bpejabat yang berwenang menghukum"
    r"|\b(?:a|one) (?:\S+ ){0,2}(?:staff member|employee|section head|officer|clerk|teacher|nurse|official) (?:in|at|of) my (?:own )?"
    r"(?:agency|office|department|unit|school|clinic|hospital|division|section)"
    r"|i am [^.?!;]{0,120}\b(?:the|his|her|their) (?:direct |immediate )?(?:superior|supervisor|atasan|manager)\b"
    r"|\b(?:the|his|her|their) (?:direct |immediate )?(?:superior|supervisor|atasan|manager) of (?:\S+ )?(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|many)\b"
    r"|reports? (?:directly )?to me"
    r"|as (?:his|her|their) (?:direct |immediate )?(?:superior|supervisor|atasan|manager))\b"
)


_BREACH = re.compile(r"\b(?:melanggar|pelanggaran(?:nya)?|violat\w*|breach\w*|illegal|unlawful|against the (?:rules?|law)|offen[cs]e)\b")


def asks_breach(asking: str) -> bool:
    """Does the asking part of a question (`QuestionFacts.asking`) ask whether something is a
    breach ("is this a violation?", "apakah itu melanggar?")?"""
    return bool(_BREACH.search(asking))


_OR_MAY = re.compile(r"\b(?:or|atau) (?:(?:can|may|could) (?:i|we|he|she|they)|(?:saya |kami |dia |beliau )?(?:boleh|bisa|dapat)(?:kah)?)\b")
_OR_MUST = re.compile(r"\b(?:or|atau) (?:(?:does|do|must|should) (?:i|we|he|she|they)|(?:apakah )?(?:saya |kami |dia |ia |beliau )?(?:harus|wajib|perlu)(?:kah)?)\b")


# what must be done before the act ("anything first", "beforehand", "harus cuti dulu?", "terlebih dahulu")
_FIRST = re.compile(r"\b(?:first|beforehand|in advance|dulu|duluan|terlebih dahulu|lebih dulu|sebelumnya)\b")


def asks_for(text: str) -> str | None:
    """"leave" or "duty" when the sentences of a question that ask (`asking_part`) ask for just
    one of them, else None: a story's "the aid must be handed out in his bags" tells, "is the
    regent allowed to do this?" asks; a premise ("they say we must be neutral. So I should stay
    home?") asks for neither."""
    leave, duty = _ASKS_LEAVE.search(text), _ASKS_DUTY.search(text)
    if leave and duty and duty.start() < leave.start() and (alt := _OR_MAY.search(text, duty.end())) and alt.start() <= leave.start():
        return "duty"  # "must I act on it, or can I just let it slide?": the duty, with the omission as its alternative
    if leave and duty and leave.start() < duty.start() and _ANAPHOR.search(text, leave.end(), duty.start()) and (
            alt := _OR_MUST.search(text, leave.end())) and alt.start() <= duty.start():
        return "duty"  # "can he do this, or does he have to let us vote?": only the duty names an act
    if (leave and duty and "?" in text and duty.start() < leave.start() and not _PREMISE_OPENS.search(text, 0, duty.start())
            and not _BUT.search(text, duty.end(), leave.start())):
        return "duty"  # "does he have to do anything before he goes on stage, and may the ministry's cars be used?": asked first
    if leave and duty and "?" in text[leave.end():duty.start()] and _FIRST.search(text, duty.end()):
        # "can he campaign on a weekday? does he have to do anything first?": what must come before the act, asked
        # after it (not "boleh masuk partai atau harus mundur dulu?", one question with both)
        return "duty"
    if not leave and not duty and _ASKS_PUNISHMENT.search(text):
        return "leave"  # "masa cuma pegang KTA bisa dipecat?": whether the act is forbidden, with its sanction
    return "leave" if leave and not duty else "duty" if duty and not leave else None


# ... not a duty told in a clause that only sets a premise ("if ASN have to be neutral, am I even allowed to vote?")
_PREMISE_OPENS = re.compile(r"\b(?:if|kalau|kalo|jika|jikalau|since|because|karena|as|kan)\b[^,.?!;]*$")
_BUT = re.compile(r"\b(?:tapi|tetapi|but|namun|however|padahal)\b")  # "kami harus netral, tapi bolehkah ...?": the duty is the premise
_ASKS_PUNISHMENT = re.compile(rf"\b(?:{_LIABLE_ID}|{_LIABLE_EN}|dipecat|diberhentikan|fired|dismissed)\b")


# Letting a case go ("can I just let it slide?", "boleh saya diamkan saja?"): what a superior asks who may
# have to handle it
_LET_GO = re.compile(
    r"\b(?:let (?:it|this|that|him|her|them) (?:slide|go|pass)(?! (?:and|to|vote|home|early)\b)|drop (?:it|this|the case|the matter)|ignore (?:it|this|him|her)|"
    r"keep quiet|stay quiet|say nothing|keep (?:it|this|that|the case|the matter) off the record|"
    r"look the other way|close the (?:file|case)|diam saja|tinggal diam|diamkan|didiamkan|mendiamkan(?:nya)?|diemin|didiemin|ndiemin|biarkan|dibiarkan|membiarkan(?:nya)?|tutup kasus|anggap (?:tidak|nggak) ada|"
    # ... or leaving the punishment out ("am I allowed to just not punish him?", "boleh tidak usah dihukum?")
    r"not (?:punish|discipline|sanction)(?:ing)?|let (?:him|her|them) off|"
    r"tidak (?:usah |perlu )?(?:menghukum(?:nya)?|dihukum|disanksi|memberi (?:hukuman|sanksi))|tanpa (?:hukuman|sanksi))\b"
)


_SUPERIOR = re.compile(r"\b(?:atasan|kepala (?:bidang|dinas|seksi|bagian|kantor|sekolah)|kabid|kadis|kasi|superior|supervisor|manager)\b")


def _let_go_by_superior(norm: str, asking: str) -> bool:
    """Is the question whether a superior the story names may let a case go ("my kabid says
    he'll just let it go ... can he drop it like that?", "memang atasan boleh mendiamkan hal
    begini?")? That asks about handling it, though the asker is not the one who handles it."""
    return bool(_LET_GO.search(asking) and _SUPERIOR.search(norm))


# A handling lighter than the examination the law asks for ("cukup saya tegur lisan saja kan?", "nggak usah diperiksa",
# "I'd rather have a quiet word with him and leave it there"): asking whether it will do asks about handling the case
_LIGHT_HANDLING = re.compile(
    r"\b(?:cukup|hanya|cuma|sekadar)\b[^.?!]{0,25}?\b(?:di)?(?:tegur\w*|nasihat\w*|nasehat\w*|ingatkan|peringatkan|bina|membina)\b"
    r"|\b(?:teguran|tegur|menegur|nasihat\w*|nasehat\w*) lisan\b"
    r"|\b(?:tidak|tak) (?:usah|perlu) (?:\S+ ){0,2}?(?:diperiksa\w*|periksa|pemeriksaan|bap\w*|berita acara|proses\w*|diproses|dipanggil)"
    r"|\b(?:quiet|friendly|informal) (?:word|chat|talk)\b|\b(?:verbal|oral|informal) (?:warning|reprimand)\b"
    r"|\bleave it (?:there|at that)\b|\bwithout (?:an? )?(?:formal )?(?:examination|hearing|investigation|process)\b"
)
# A short question that points back at what the story said the asker plans ("Boleh nggak saya begitu?", "Can I do that?")
_ANAPHOR = re.compile(r"\b(?:begitu|gitu|demikian|do (?:that|this|so)|that|this)\b")
_HANDLING_VERBS = re.compile(rf"\b(?:{_ASKER_DUTIES['penanganan'][0]})\b|\b(?:{_ASKER_DUTIES['penanganan'][1]})")


def _handling_asked(norm: str, asking: str, asks: str | None) -> tuple[str, str] | None:
    """What a superior asks who tells of their staff's case (`_HANDLER`): asking what they
    must do, or whether they may let it go or handle it more lightly than by an examination
    ("cukup saya tegur lisan saja?"), or whether they may do what they told of handling
    it ("I'd just warn him and close it. Can I do that?"), they ask about handling it (PP
    94/2021 Pasal 24-27)."""
    points_back = len(asking.split()) <= 8 and _ANAPHOR.search(asking) and (_HANDLING_VERBS.search(norm) or _LIGHT_HANDLING.search(norm))
    if asks == "duty" or _LET_GO.search(asking) or _LIGHT_HANDLING.search(asking) or points_back:
        return ASKER_DUTIES[0], asking
    return None


def analyse(text: str) -> QuestionFacts:
    """Language, actor, person, stage and election of a question."""
    norm = normalise(text)
    actor, explicit, words, mentions = detect_actor(text)
    stage, stage_words = detect_stage(text)
    election, election_words = detect_election(text)
    person = "first" if _FIRST_PERSON_ANY.search(norm) else "third"
    asking = asking_part(norm)
    asks, handler = asks_for(asking), bool(_HANDLER.search(norm))
    lang = detect_language(text)
    if abstain := bool(_ABSTAIN_ASKED.search(norm)):  # "must I abstain?" asks whether one may vote
        asks = "leave"
    asked = ("memberi-suara", _MAY_I_VOTE[lang]) if abstain else asked_act(norm)
    return QuestionFacts(
        text, norm, lang, actor, explicit, words, person, stage, stage_words, election, election_words,
        mentions, domain_words(text), *detect_time(text), confirmed=stage is None and bool(_CONFIRMED.search(norm)),
        asked=asked or (_handling_asked(norm, asking, asks) if handler or _let_go_by_superior(norm, asking) else None), asks=asks, asking=asking, handler=handler,
        **dict(zip(("months_to_pairs", "months_in_office"), detect_months(norm))),
    )
