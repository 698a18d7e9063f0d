"""Elements of an act (unsur): what a question must speak of for a rule to be its answer.

Some acts the law names have an element without which the act is not there at all: money
politics needs money or goods given or promised (UU 7/2017 Pasal 280 ayat (1) huruf j,
UU 1/2015 Pasal 73), a permission to attend a campaign is about attending, a rule on
campaigning while on leave needs a campaign act. A rule lists such elements by name
(`elements = ["imbalan"]`); `corpus/rules/elements.toml` says, for each name, the words
that speak of it in Indonesian and English (a maintained lexicon, written from the law's
terms, not from any question set). A question that names none of an element's words is
not that rule's situation, however close its wording is otherwise: the matcher drops the
rule (`kb.rulematch`), so a question about encouraging first-time voters is not answered
with the money-politics rule, nor a question about annual leave with the rule on
campaigning during leave.

The words that only set the stage ("masa kampanye", "during the campaign") are not the
act: they are taken out before elements are looked for. `kb rules check` holds the
lexicon to the rules: every situation of a rule must name each of its elements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .actors import CONTRACT_OVER_EN, CONTRACT_OVER_ID, FORMER, KIN_WORK_ID, detect_stage, detect_time, normalise, relative_runs, without_relatives_party
from .lexical import STOPWORDS, norm, tokenize
from .rules import Problem, Rule, RuleBase


# The stems of the words that deny ("noth": how "nothing" stems, as in "nothing about the election")
_DENIAL_STEMS = frozenset({"tidak", "tak", "belum", "bukan", "tanpa", "no", "not", "never", "noth", "without", "cannot"})


class Stems:
    """A text's stems (`stem_seq`) as element phrases are looked for in them: as written, less
    their stop words, and as a set. Made once per text, then asked of every element."""

    __slots__ = ("whole", "content", "words")

    def __init__(self, stems: tuple[str, ...]):
        self.whole = stems
        self.content = tuple(t for t in stems if t not in STOPWORDS)
        self.words = frozenset(stems)


@dataclass(frozen=True)
class ElementTerms:
    """An element as the matcher reads it: each of its words or phrases as stems."""

    name: str
    phrases: tuple[tuple[str, ...], ...]  # any one present (its stems in a row) is the element

    def present(self, stems: tuple[str, ...] | Stems) -> bool:
        """Is one of the phrases in `stems` (a text's `stem_seq`)? A phrase with a stop word
        in it ("tidak mau", "which rules") is looked for word for word; any other with the
        text's stop words left out, so "ikut dalam kampanye" still says "ikut kampanye"."""
        s = stems if isinstance(stems, Stems) else Stems(stems)
        if not self._words.isdisjoint(s.words):
            return True
        return any(_found(p, s.whole if literal else s.content, s.words)
                   for first in s.words.intersection(self._runs) for p, literal in self._runs[first])

    @cached_property
    def _words(self) -> frozenset[str]:
        """The one-word phrases: present when the text has the word anywhere."""
        return frozenset(p[0] for p in self.phrases if len(p) == 1)

    @cached_property
    def _runs(self) -> dict[str, list[tuple[tuple[str, ...], bool]]]:
        """The longer phrases by their first word, each with whether it is looked for word for
        word (it holds a stop word)."""
        out: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        for p in self.phrases:
            if len(p) > 1:
                out.setdefault(p[0], []).append((p, bool(STOPWORDS & set(p))))
        return out

    @cached_property
    def denials(self) -> tuple[tuple[str, ...], ...]:
        """The phrases that are themselves a denial ("tidak dapat ditinggalkan"): `stated` looks
        for them in the text as written. Found once per element, not once per question."""
        return tuple(p for p in self.phrases if _DENIAL_STEMS & set(p))


def _found(phrase: tuple[str, ...], seq: tuple[str, ...], words: frozenset[str]) -> bool:
    """Is `phrase` a run of `seq`? (`words`: the words of the text `seq` is drawn from.)"""
    if not words.issuperset(phrase):
        return False
    n = len(phrase)
    return any(seq[i : i + n] == phrase for i in range(len(seq) - n + 1))


# Words kept whole, because their stem would make them speak of something else: "pemilihan"
# (an election: what "pilkada" and "pemilu" read as) stems to "pilih", so every question naming
# an election would speak of voting ("memilih"); "pencalonan", "dicalonkan", "mencalonkan"
# (running for office oneself) stem to "calon", so every question naming a candidate would; "kecamatan" and
# "kelurahan" (places: "di tiga kelurahan pesisir") would speak of a camat or a lurah; "berdiri" (standing in a crowd)
# stems to "diri", which every "mencalonkan diri" and "mengundurkan diri" holds; "dilantik" and "pelantikan" (being
# sworn in, an inauguration) are not "melantik" (swearing others in: a head who installs officials is not new in office);
# "penanggung jawab" (the one in charge) answers no one; "bergambar" (bearing a picture: an attribute) is not
# "menggambarkan" (describing); an acting head ("penjabat") is no official ("pejabat") nor a post ("jabatan"); one who
# "mewajibkan" (obliges others: a superior) is not every question's "wajib" (must), nor one's "atasan" (superior) the
# "atas" of "atas nama" (in the name of); "keuangan" (finance) is no "uang" (money), "sekantor" (a colleague) no
# "kantor" (office property), "temuan" (a finding) no "pertemuan" (a meeting), "mempelajari" (studying a programme)
# no "mengajar" (teaching), "bulanan" (monthly: a routine) no "bulan" (any month a story names), "pengurus" (an office
# holder, of a party or any body) no "urusan" (matters: "ikut-ikut urusan pemilu") nor "mengurus" (seeing to a task).
# Nor is a guard ("pengamanan", "pengawal") "aman" (safe: "aman gak?") or "awal" (the beginning), an opening
# ("peresmian") "resmi" (official), the elected ("terpilih") every "pilih" (vote), income ("penghasilan") the "hasil"
# (results) of an election, voting by proxy ("diwakilkan") a deputy ("wakil bupati"), a case left lying
# ("didiamkan") one who keeps silent ("diam saja"), a warning ("peringatan") "ingat" (remember), being questioned
# ("ditanyai") every "tanya" (ask), punishments combined ("digabung") "gabung" (join a group), a decision conveyed
# or handed over ("disampaikan", "diserahkan") "sampai" (until, arrive), what is in writing ("tertulis") "tulis"
# (writing a post), a decision read out ("dibacakan") "baca" (reading), nor an examiner ("pemeriksa") one examined;
# an official's aide is no "aid" handed out, nor "goods" what is "good".
_KEPT_WHOLE = re.compile(r"\b(pemilihan|bulanan|pengurus|pencalonan|(?:men|di)?calonkan|kecamatan|kelurahan|berdiri|dilantik|pelantikan|bergambar|(?:meng|di)gambarkan|penjabat|"
                         r"(?:me|di)wajibkan|atasan|keuangan|sekantor|temuan|(?:mem)?pelajari|"
                         r"(?:penanggung|bertanggung|tanggung) jawab|"
                         r"pengamanan|pengawal(?:an)?|peresmian|(?:me|di)resmikan|terpilih|penghasilan|(?:me|di)wakilkan|(?:di|men)?diamkan|"
                         r"peringatan|ditanyai|menanyai|digabung(?:kan)?|disampaikan|diserahkan|tertulis|dibacakan|pemeriksa|aides?|goods)(?:nya|ku|mu)?\b")


# A sum as chats write it ("200k", "50rb", "1jt") speaks of money as "200 ribu" does; not a count of things or people
# ("2rb kaos", "5k followers")
_SUM = re.compile(r"\b(\d+)\s*(k|rb|jt)\b(?! (?:kaos|kaus|lembar|buah|pcs|biji|stiker|spanduk|kalender|baliho|poster|brosur|orang|"
                  r"pemilih|suara|eksemplar|undangan|peserta|warga|pengikut|penonton|followers?|views?|likes?|viewers?|"
                  r"t-?shirts?|shirts?|stickers?|posters?|people|voters?|copies|votes?|members?|anggota)\b)")
_SUM_WORD = {"k": "ribu", "rb": "ribu", "jt": "juta"}
# ... and a count of votes speaks of the votes: "memindahkan 20 suara" moves votes as "memindahkan suara" does
_VOTE_COUNT = re.compile(r"\b\d+(?: ?[.,] ?\d+)*\s+(?=(?:suara|votes?|ballots?)\b)")  # ("1,200 votes", written out as "1 , 200 votes")


def stem_seq(text: str) -> tuple[str, ...]:
    """The stems of a (normalised) text in order, repeats and stop words kept, the possessive
    "s" dropped ("candidate's team" is "candidate team"), chat sums written out, counts of votes left out, a voter's registration read as a word of its own: what phrases
    are found in. A sentence's end stays as `_END`, so no phrase runs across it ("... nyoblos. Siapa yang benar?"),
    and so does a bracket ("bakal calon (belum ditetapkan KPU) minta izin" is no "KPU meminta")."""
    out: list[str] = []
    text = _SUM.sub(lambda m: f"{m[1]} {_SUM_WORD[m[2]]}", text.lower())
    text = _IDIOM.sub(" ", _VOTER_ROLL.sub(_ROLL, _VOTE_COUNT.sub("", text)))
    for n_sentence, sentence in enumerate(_SENTENCE_END.split(text)):
        if n_sentence:
            out.append(_END)
        for i, part in enumerate(_KEPT_WHOLE.split(sentence)):
            if i % 2:  # the kept word
                out.append(part)
            else:
                out += [t if t in STOPWORDS else n for t in tokenize(part, keep_stopwords=True) if (n := norm(t)) != "s"]
    return tuple(out)


# Fixed phrases in which a word does not speak of its element, taken out: "in order to" gives a purpose, no order
# ("order" speaks of a superior directing others); "pay my respects", "pay a visit", "pay attention" pay no money
_IDIOM = re.compile(r"\bin order\b(?= (?:to|for|that)\b)"
                    r"|\b(?:pay|pays|paying|paid)\b(?= (?:(?:my|our|his|her|their|the|a|an|last|close|full|a short)\s+){0,2}"
                    r"(?:respects?|condolences?|visits?|attention|tribute|homage|courtesy call)\b)")
# A voter's registration ("terdaftar di dua TPS", "daftar pemilih", "registered to vote") and an attendance list ("daftar
# hadir") are no candidate registering to run: the word that would say so is read as a word of its own (`_ROLL`), in a
# question and in an element's words alike ("daftar pemilih" stays a phrase)
_VOTER_ROLL = re.compile(r"\b(?:ter|men|di)?daftar(?:kan)?(?= (?:sebagai |jadi |menjadi )?pemilih\b| di (?:\S+ )?(?:tps|dpt)\b| hadir\b)"
                         r"|\bregister(?:ed|ing)?(?= (?:to vote|as (?:a )?voters?|at (?:\S+ ){0,2}(?:polling|tps))\b)")
_ROLL = "rollvoter"
_SENTENCE_END = re.compile(r"[.?!;]+(?=\s|$)(?!\s*\d)|[()]")  # not before a number: "no. 5", "Rp 1.500"; nor across a bracket
_END = "."  # where a sentence ended: no phrase holds it


def compile_elements(base: RuleBase) -> dict[str, ElementTerms]:
    """The rule base's elements with their words stemmed as questions are."""
    out = {}
    for el in base.elements.values():
        phrases = tuple(t for w in el.words if (t := stem_seq(normalise(w))))
        out[el.name] = ElementTerms(el.name, phrases)
    return out


# "without naming a candidate or party", "tanpa menyebut calon atau partai", "never mention a
# candidate", "tidak lagi menerima tugas dari pemkab", "no longer works for the regency": what
# follows, to the end of its clause, is what the asker says is absent (a comma ends it too:
# removing too little is the safe side). "not" / "jangan" are left alone: "don't
# vote for pair 1" still names a side.
# the Indonesian verbs of naming or posing whose object is what a denial says is absent ("ga nyebut paslon", "tidak pose
# nomor": no pair, no number): `_NAMING_DENIED` here, `kb.rulematch`'s head words of a denied condition
NAMING_VERBS = ("nyebut", "nyebutin", "menyebut", "menyebutkan", "sebut", "pose", "berpose")
# "tidak menyebut calon siapa pun", "does not mention any candidate": naming or showing denied
_NAMING_DENIED = (
    rf"(?:tidak|tak|not|did not|does not|do not) (?:{'|'.join(NAMING_VERBS)}|menampilkan|menunjukkan|nunjukin|"
    r"mention|mentions|mentioning|name|names|naming|show|shows|showing|tag|tags|tagging|"
    # ... nor posed for or invited: "ga pose nomor", "gak ngundang caleg/paslon manapun", "did not invite any candidate"
    r"posing|ngundang|mengundang|undang|invite|invites|inviting)"
)
# The words a question's "or not" follows ("boleh nggak ...?", "bisa tidak ...?"): no denial (`_OR_NOT`)
_OR_NOT_AFTER = ("boleh", "bolehkah", "bisa", "bisakah", "apa", "apakah", "benar", "bener", "sah", "aman")
# "ga pake kaos/atribut apa2", "not wearing any party shirt": wearing denied
# (not the "or not" of a question: "boleh tidak pakai seragam ke kampanye?")
_WEARING_DENIED = ("".join(rf"(?<!\b{w} )" for w in _OR_NOT_AFTER)
                   + r"(?:tidak|tak|nggak|gak|not|never) (?:pakai|pake|memakai|mengenakan|wear|wearing|wore)")
# the words before which a denied part of a clause ends ("... but", "... kalau", "... can I")
_CLAUSE_STOPS = "but|tapi|namun|because|karena|so|jadi|if|kalau|then|lalu|yang|who|which|that|is|apakah|boleh|bolehkah|can|may"
_ABSENT = re.compile(
    rf"\b(?:without|never|nothing|nobody (?:has|had|ever)|tanpa|tidak pernah|tak pernah|(?:tidak|tak|nggak|gak) lagi|(?:tidak|tak|nggak|gak) ada|no longer|"
    # ... or says nobody pays for it ("nggak dibayar siapa pun", "nobody paid me"): no money is in it
    rf"(?:tidak|tak|nggak|gak|bukan) (?:dibayar|digaji|diupah)|(?:not|never|wasn't|weren't|isn't|aren't) (?:being )?paid|(?:nobody|no one) (?:is )?pa(?:id|ys)|(?<!say )(?<!said )no(?!\s*\.?\s*\d)|{_NAMING_DENIED}|{_WEARING_DENIED})\b[^.,;:!?()]*?"
    # ... with the rest of a list it denies ("no candidate name, number or colour", "tanpa nama, nomor, atau warna calon")
    r"(?:(?:\s*,\s*[^\s.,;:!?()]+(?:\s+[^\s.,;:!?()]+){0,2})*\s*,?\s+(?:or|nor|atau|maupun)\s+[^.,;:!?()]*)?"
    rf"(?=[.,;:!?()]|\b(?:{_CLAUSE_STOPS})\b|$)"
)


# "saya tidak ngundang, tidak foto, tidak bilang dukung", "I did not invite anyone, did not take photos": what the
# asker says they did not do, to the end of its clause, with the denials listed after it; not a denial of
# permission, knowledge, will or intent ("saya tidak boleh", "aku tidak tahu", "I do not want to", "tidak
# sengaja"), nor "not only", nor a breach asked about ("saya tidak melanggar kan?"), nor a case put or a course
# weighed ("kalau saya tidak datang", "mending saya tidak nyoblos"); a time it names stays ("saya tidak hadir waktu SK
# diserahkan")
_NOT_A_DEED = (r"(?!(?:boleh|bisa|dapat|mau|ingin|pengen|perlu|harus|usah|tahu|tau|ngerti|mengerti|paham|sadar|sengaja|"
               r"yakin|ingat|inget|kenal|nyangka|menyangka|berani|mampu|merasa|punya|cuma|hanya|sekadar|melanggar|salah|"
               r"masalah|bermasalah|can|could|know|want|wish|have|need|think|mean|realise|realize|remember|understand|"
               r"only|just|violate|break|breach|mind|care|see|believe)\b)")
_CASE_PUT = ("kalau", "jika", "bila", "apabila", "seandainya", "andai", "misal", "misalnya", "if", "when",
             "mending", "mendingan", "lebih baik", "sebaiknya", "better")  # the words of a case put or a course weighed
_ASKER_DENIES = re.compile(
    "".join(f"(?<!{w} )" for w in _CASE_PUT)
    + rf"\b(?:saya|aku|gue|gw|kami|i|we) (?:juga |sama sekali |memang |pun )?(?:tidak|did not|do not|never) {_NOT_A_DEED}[^.,;:!?()]*?"
    rf"(?:\s*,\s*(?:dan |and |juga |also )?(?:tidak|did not|do not|never) {_NOT_A_DEED}[^.,;:!?()]*?)*"
    rf"(?=[.,;:!?()]|\b(?:{_CLAUSE_STOPS}|waktu|saat|ketika|sejak|when|while|during|since)\b|$)"
)


_TIME = re.compile(r"\b(?:masa|selama|saat|waktu|ketika|started|begun|underway|dimulai|mulai|periode|hari|jelang|menjelang|sebelum|setelah|besok|sesudah|tengah|berlangsung|during|period|days?|before|after|until|weeks?|while|middle|mid)\b")


def without_time(text: str, stage_words: str | None) -> str:
    """`text` less what only sets the time: stage words that name a period ("masa
    kampanye", "during the campaign"), not "bakal calon", which names the person, and every
    other mention of the campaign as a period ("pas musim kampanye gini")."""
    text = text.replace(stage_words, " ") if stage_words and _TIME.search(stage_words) else text
    return _CAMPAIGN_PERIOD.sub(" ", text)


# the campaign named as a period, wherever it is told (not "saat/pas kampanye", which may be the event itself)
_CAMPAIGN_PERIOD = re.compile(r"\b(?:(?:selama |di tengah )?(?:masa|musim) kampanye|campaign (?:season|period))\b")


# "harus netral seperti ASN", "netral seperti guru", "must stay neutral like civil servants": those
# compared with are not in the story (a campaign that involves civil servants is what the words
# would otherwise say)
_LIKE = re.compile(r"\b(?:seperti|kayak|kaya|layaknya|sebagaimana|sama (?:seperti|dengan|kayak)|(?:just )?like|the same as)\s+(?:(?:a|an|the|para|halnya|us|kami|kita)\s+)?"
                   r"(?:asn|pns|pppk|pegawai(?: negeri)?(?: sipil)?|aparatur(?: sipil negara)?|civil[ -]servants?|public servants?|guru|dosen|teachers?|lecturers?)\b")
# "naik mobil pribadi", "in his own car": one's own vehicle is no facility of the state
_OWN_VEHICLE = re.compile(r"\b(?:mobil|kendaraan|motor|sepeda motor)(?: \S+)? (?:pribadi|sendiri|pribadinya|sendirinya)\b"
                          r"|\b(?:private|personal|(?:my|his|her|their|our) own)(?: family)? (?:cars?|vehicles?|motorbikes?|motorcycles?)\b")
# "pakai kaos biasa", "in plain clothes": one's own clothes are no attribute of a party or a candidate
_OWN_CLOTHES = re.compile(r"\b(?:kaos|kaus|baju|pakaian|kemeja|t - shirt|t-shirt|tshirt|shirt|clothes|clothing|outfit)(?: \S+)? (?:biasa|polos|bebas|sendiri|pribadi)\b"
                          r"|\b(?:plain|ordinary|normal|regular|casual|everyday|(?:my|his|her|their|our) own)(?: [a-z]+)? (?:clothes|clothing|t - shirts?|t-shirts?|tshirts?|tees?|shirts?|outfits?)\b")

# "di gedung serbaguna swasta", "in a private hall": a private place is no facility of the state
_PRIVATE_PLACE = re.compile(r"\b(?:gedung|aula|balai|lapangan|tempat|hall|building|venue|field)(?: \S+)? (?:swasta|pribadi|sewaan|milik (?:pribadi|swasta))\b"
                            r"|\b(?:private|privately owned|privately-owned|rented)(?: \S+)? (?:halls?|buildings?|venues?|fields?)\b")
# "dibiayai dana kampanye", "paid from campaign funds", "out of his own pocket": money of the campaign or one's own is
# no budget of the state (UU 10/2016 Pasal 74: campaigns are funded by the pair, its parties and lawful donors)
_OWN_FUNDS = re.compile(r"\b(?:dibiayai|dibayar|didanai|dibiayain) (?:oleh |dari |pakai |dengan )?(?:dana|uang|rekening) kampanye\b"
                        r"|\b(?:uang|dana|biaya) (?:pribadi|sendiri)\b|\b(?:kocek|kantong) (?:pribadi|sendiri)\b"
                        r"|\b(?:paid|funded|financed|covered|bought) (?:for )?(?:from|with|out of|by) (?:the )?campaign(?:'s)? (?:funds?|money|account)\b"
                        r"|\b(?:(?:my|his|her|their|our) own (?:money|pocket|funds?|savings)|personal funds?|private funds?)\b")
# "digaji dari APBD", "gaji saya dari dana BOS", "paid from the regional budget", "my salary comes from the school's
# funds": where one's pay comes from tells who one is, no reward given to a voter nor a budget used in a campaign
_SALARY = re.compile(
    r"\b(?:digaji|gaji(?:nya|ku)?(?: (?:saya|kami|aku|dia|mereka))?|honor(?:nya|ku)?(?: (?:saya|kami|aku))?)"
    r" (?:dari|oleh|pakai|lewat|melalui|bersumber dari|dibayar dari)(?: [^\s.,;:!?()]+){0,4}"
    r" (?:apbd|apbn|anggaran|dana|kas|pemda|pemkab|pemkot|pemprov|negara|instansi|sekolah|desa)\b(?! (?:kampanye|calon|paslon|partai|caleg))"
    r"(?: (?:operasional sekolah|desa|sekolah|daerah|negara|pemda|pemkab|pemkot|pemprov))*"
    r"|\b(?:(?:my|our|his|her|their) (?:salary|pay|wages?)(?: (?:comes?|is paid|are paid|is|are))?|salaried|paid)"
    r"(?: monthly| each month)? (?:from|out of|by|through)(?: the| a)?(?: [^\s.,;:!?()]+){0,4}"
    r" (?:budget|budgets|funds?|payroll|apbd|apbn|government|school|agency|ministry|regency|province|village)\b(?! (?:campaign|candidate|pair|party))"
)
# "ngasih amplop kondangan", "a wedding gift", "a birthday present": what a guest customarily brings the host is no
# reward given to a voter (UU 10/2016 Pasal 73 ayat (1) speaks of money or material promised or given to voters)
_GUEST_GIFT = re.compile(r"\b(?:amplop|kado|angpao|angpau|sumbangan) (?:kondangan|nikahan|pernikahan|resepsi|kawinan|ulang tahun)\b"
                         r"|\b(?:wedding|birthday) (?:gifts?|presents?|envelopes?)\b|\b(?:gifts?|presents?) for (?:the|his|her|their) (?:wedding|birthday)\b")
# "after KPU designated him as a candidate": KPU naming the candidates is the candidacy, no task KPU gives the asker
_CANDIDATE_SET = re.compile(r"(?P<pre>\b(?:kpu|kpud)\b)\s+(?:designated|designates|appointed|appoints)"
                            r"(?=\s+(?:\S+\s+){0,2}?as\s+(?:an?\s+|the\s+|their\s+)?(?:candidates?|(?:candidate\s+)?pairs?|paslon|nominees?)\b)"
                            r"|\b(?:designated|appointed) by (?:the )?kpu\b(?=\s+as\s+(?:an?\s+|the\s+)?(?:candidates?|(?:candidate\s+)?pairs?|paslon|nominees?)\b)")
# "mantan PNS", "a retired civil servant", "pensiunan polisi": one who has left the service is no civil servant,
# soldier or police officer in the story
# (UU 5/2014 Pasal 87 ayat (1) huruf c; the actor reader's `_unless_former` reads them as a private citizen)
_FORMER_SERVANT = re.compile(rf"\b(?:{FORMER}|pensiun)(?: -)? (?:\S+ )?"
                             r"(?:pns|asn|pegawai negeri(?: sipil)?|aparatur sipil negara|civil[ -]servants?|public servants?|"
                             r"polisi|polri|tni|tentara|prajurit|police(?: officers?)?|policem[ae]n|soldiers?|army officers?)\b")
# A PPPK contract told as ended ("my PPPK contract at the agency ended and was not renewed", "kontrak PPPK saya sudah
# habis"): the asker no longer serves (UU 20/2023 Pasal 52 ayat (3)), so no PPPK is brought into a campaign by it
_CONTRACT_ENDED = re.compile(
    r"\b(?P<pre>(?:my|our)) pppk (?=(?:work |employment )?contract\b(?:\s+\S+){0,6}?\s+(?:has |had |was |just )*"
    rf"{CONTRACT_OVER_EN}\b)"
    rf"|\b(?P<pre_id>kontrak (?:kerja )?)pppk (?=(?:saya|aku|kami)\s+(?:sudah |telah |udah )?{CONTRACT_OVER_ID}\b)")
# "not a civil servant", "bukan PNS", and a relative's service told as who they are ("my wife is a PNS midwife",
# "suami saya PNS"): no civil servant is brought into a campaign by those words
_SERVANTS = r"pns|asn|pppk|pegawai negeri(?: sipil)?|civil[ -]servants?|public servants?|government employees?"
_SERVANT_WORDS = rf"(?:{_SERVANTS})"
# ... and the armed forces and police, whose service a relative's status tells too ("my husband is an active TNI soldier")
_SERVICE_WORDS = (rf"(?:{_SERVANTS}|(?:tni|polri|army|police)(?: soldier| officer| member)?|soldier|policeman|"
                  r"polisi|tentara|prajurit(?: tni)?|anggota (?:tni|polri))")
_KIN_WORK_EN = r"(?: (?:teachers?|lecturers?|nurses?|doctors?|midwi(?:fe|ves)|clerks?|officers?|staff))?"
_KIN_WORK_ID = rf"(?:(?:{KIN_WORK_ID})(?: (?:desa|sd|smp|sma|smk|puskesmas|rsud|negeri))? )?"  # "bidan desa PNS", "guru SD PNS"
_NO_SERVANT_HERE = re.compile(
    rf"\b(?:not|bukan|non)(?: -)? (?:a |an |seorang )?{_SERVANT_WORDS}\b"
    # the relative stays in the story (a rule on relatives needs them), their service goes, with the work it names
    # ("my husband is a PNS teacher", "suami saya guru PNS": no teacher is brought into a campaign either)
    rf"|\b(?P<kin>(?:my|our) (?:wife|husband|son|daughter|brother|sister|father|mother|dad|mum|mom|spouse)) (?:is|was|works as) (?:a|an) (?:\S+ )?{_SERVICE_WORDS}\b{_KIN_WORK_EN}"
    rf"|\b(?P<kin_id>(?:istri|suami|anak|adik|kakak|ayah|ibu|bapak) (?:saya|kami|aku)) (?:adalah |seorang |itu |yang (?:masih |juga |sudah )?)?{_KIN_WORK_ID}{_SERVICE_WORDS}\b"
)
# "warga RT 05", "RW 02", "blok 3", "lantai 2": a number in an address is no candidate's ballot number
_ADDRESS_NUMBER = re.compile(r"\b(rt|rw|blok|block|lantai|floor|kamar|room|gang|gg|jalan|jl|no rumah|house number)\s*\d+\b")
# "pengurus RT", "pengurus masjid", "kader posyandu": an office or a volunteer's place in a neighbourhood or community
# body, no party's board or cadre (the body's name stays)
_COMMUNITY_POST = re.compile(r"\b(?:pengurus|kader)(?= (?:rt|rw|masjid|musala|mushola|dkm|takmir|remaja masjid|gereja|jemaat|pura|vihara|"
                             r"klenteng|koperasi|klub|club|karang taruna|pkk|posyandu|yayasan|komite|arisan|paguyuban|kampung|lingkungan|"
                             r"perumahan|kompleks|sekolah|pesantren|kelompok tani|gapoktan|bumdes|kesehatan|majelis taklim|organisasi profesi|"
                             r"organisasi (?:apa ?pun|apa saja|kemasyarakatan)|ikatan|ika|alumni|asosiasi|himpunan|perkumpulan|"
                             r"komunitas|korpri|pgri|dharma wanita|dwp)\b)")
# "an echelon II post", "a senior post", "his post as head of office": a post one holds, no post online
# (not "a new post", "a public post", "an official post": those may be online)
_JOB_POST = re.compile(r"\b(?:(?:echelon|eselon) [ivx1-4]+(?: ?[ab])?|senior|top|leadership|structural|functional|executive|vacant|acting|"
                       r"administrator|supervisory|civil[ -]service|permanent) posts?\b|\bposts? (?=as )")


# "scared it counts as campaigning", "takut dianggap kampanye": what the asker fears an act may be called is
# not the act told
_FEARED_NAME = re.compile(
    r"\b(?:scared|afraid|worried|worries|fear|fears|takut|khawatir|cemas)\b(?: (?:that|it|this|that it|kalau|bahwa|itu|nanti))*"
    r" (?:counts? as|would count as|will count as|is seen as|will be seen as|be seen as|looks? like|be called|be taken as|"
    r"dianggap|dibilang|disebut|dituduh|dikira)\b"
    r"(?:\s+(?!(?:kalau|jika|bila|if|when|karena|because|but|tapi|so|jadi|and|dan|or|atau)\b)[^\s.,;:!?()]+){1,4}"
)


# "Apakah penunjukan Plt itu termasuk penggantian pejabat yang dilarang?", "Does that count as money politics?": what
# the question asks whether the act amounts to is asked about, not a fact of the act
_ASKED_NAME = re.compile(
    # (or "itu"/"ini" in a sentence that asks: "Itu termasuk 'penggantian pejabat' yg harus izin Mendagri gak?")
    r"(?P<pre>\b(?:apakah|apa|does|do|did|is|would|will|(?:itu|ini)(?=[^.!?]*\?))\b(?:\s+[^\s.,;:!?()]+){0,5}?)"
    r" (?:termasuk|tergolong|dianggap|terhitung|counts? as|count as|amounts? to|qualif(?:y|ies) as)\b"
    r"(?:\s+(?!(?:kalau|jika|bila|if|when|karena|because|but|tapi|so|jadi|and|dan|or|atau|"
    # (a need asked after the name stays: "... yg perlu persetujuan tertulis Menteri?" asks for no approval told)
    r"harus|perlu|wajib|butuh|mesti|need|needs|require|requires)\b)[^\s.,;:!?()]+){1,4}"
)

# "Staf kecamatan pada ribut, katanya ...", "Staff at the RSUD say ...", "Ajudan saya khawatir ...": those who only comment
# on the act or worry about it are not in it
_SAYERS = re.compile(
    r"\b(?:(?:the|some|beberapa|para)\s+)?(?:staf|staff|orang(?: orang)?|teman(?: teman)?|rekan(?: rekan)?(?: kerja)?|colleagues|"
    r"co-workers|people|tetangga|neighbou?rs|ajudan|aides?|advis[eo]rs?)(?:\s+(?:at|in|di|of|from|dari)(?:\s+(?:the|our|kami))?)?(?:\s+[^\s.,;:!?()]+)?"
    r"\s+(?:pada\s+|semua\s+)?(?:ribut|bilang|berkata|mengatakan|menyebut|khawatir|say|says|said|claim|claims|insist|insists|think|thinks|"
    r"worry|worries|worried|fears?|warns?|warned)\b"
)


# "Teman saya bilang itu sudah termasuk kampanye terselubung", "he says it counts as campaigning": what someone
# claims the act amounts to is the claim asked about, not a fact of the act
_CLAIMED_NAME = re.compile(
    r"\b(?:bilang|berkata|mengatakan|menyebut|katanya|says?|said|claims?|claimed|insists?|insisted|thinks?|thought)\b"
    r"(?: (?:that|bahwa|kalau))? (?:itu|ini|hal itu|hal ini|it|this|that)(?: (?:sudah|already|is|was|would|could|bisa))*"
    r" (?:termasuk|tergolong|dianggap|merupakan|sama dengan|counts? as|amounts? to|be counted as|be seen as)\b"
    r"(?:\s+(?!(?:kalau|jika|bila|if|when|karena|because|but|tapi|so|jadi|and|dan|or|atau)\b)[^\s.,;:!?()]+){1,4}"
)


# "does the ASN neutrality rule apply to him?", "aturan netralitas ASN": the rule's name, no civil servant in the story
_RULE_NAME = re.compile(r"\b(?:asn|pns|civil[ -]service|civil servants?) (?P<en>neutrality)\b"
                        r"|\b(?P<id>netralitas) (?:asn|pns|aparatur sipil negara|pegawai negeri(?: sipil)?)\b")


def _not_in_story(text: str) -> str:
    """`text` less those it only compares with, one's own vehicle and clothes, private places and funds, where one's pay
    comes from, a guest's customary gift, KPU naming the candidates, former civil servants, what the asker fears an act may be called or someone claims it is, those who only
    comment on it, a post in a community body, the neutrality rule's name, a PPPK contract told as ended, servants denied or told as a relative's
    status, a post one holds (no post online) and the numbers of an address (`_LIKE`, `_OWN_VEHICLE`, `_OWN_CLOTHES`, `_PRIVATE_PLACE`, `_OWN_FUNDS`, `_SALARY`, `_GUEST_GIFT`, `_CANDIDATE_SET`, `_FORMER_SERVANT`, `_FEARED_NAME`, `_CLAIMED_NAME`, `_ASKED_NAME`, `_SAYERS`,
    `_COMMUNITY_POST`, `_RULE_NAME`, `_CONTRACT_ENDED`, `_NO_SERVANT_HERE`, `_JOB_POST`, `_ADDRESS_NUMBER`)."""
    for own in (_LIKE, _OWN_VEHICLE, _OWN_CLOTHES, _PRIVATE_PLACE, _OWN_FUNDS, _SALARY, _GUEST_GIFT, _CANDIDATE_SET, _FORMER_SERVANT, _FEARED_NAME, _CLAIMED_NAME, _ASKED_NAME, _SAYERS, _COMMUNITY_POST):
        text = own.sub(lambda m: f"{m.groupdict().get('pre') or ''} ", text)  # the words before a name asked about stay
    text = _RULE_NAME.sub(lambda m: f" {m['en'] or m['id']} ", text)  # the neutrality stays, the servants go
    text = _CONTRACT_ENDED.sub(lambda m: f"{m['pre'] or m['pre_id']} ", text)  # the contract stays, its PPPK goes
    text = _NO_SERVANT_HERE.sub(lambda m: f" {m['kin'] or m['kin_id'] or ''} ", text)
    text = _JOB_POST.sub(" jabatan ", text)
    return _ADDRESS_NUMBER.sub(r"\1", text)


# "tidak menyebut ada persetujuan tertulis", "belum ada Plt", "he has no written approval": an
# exception is stated only where nothing in its clause denies it or only asks about it
_APPROVAL_ID, _APPROVAL_EN = "izin|persetujuan|surat", "approval|consent|permission"  # the words of a permission asked for
_DENIED = re.compile(
    r"\b(?:tidak|tak|belum|bukan|tanpa|gak|nggak|enggak|no|not|none|nobody|nothing|never|without|isn't|wasn't|hasn't|didn't|doesn't"
    # ... or only asked about ("asked whether the Minister's approval had been sought", "apa perlu izin Mendagri")
    r"|whether|perlukah|(?:apa|apakah) (?:perlu|harus)"
    # ... or asked for as a need, or asked about ("harus izin Mendagri gak?", "does it need the minister's approval", "saya
    # tanya soal izin Mendagri"): no approval told
    rf"|(?:harus|perlu|wajib|butuh|mesti)(?= (?:ada |dapat |dapet |minta |punya |pakai |pake )?(?:{_APPROVAL_ID}))"
    rf"|(?:tanya|nanya|bertanya|menanyakan|nanyain|ask|asked|asking)(?= (?:[a-z']+ ){{0,4}}(?:{_APPROVAL_ID}|{_APPROVAL_EN}))"
    rf"|(?:need|needs|require|requires|must (?:get|have|seek))(?= (?:[a-z']+ ){{0,3}}(?:{_APPROVAL_EN})))\b[^.,;:!?()]*"
    # ... and the rest of a list it denies ("no official cars, staff or protocol budget"), or the object it shares with a
    # second denial put between commas ("has not sought, and does not intend to seek, written approval")
    r"(?:,\s*[^\s.,;:!?()]+(?:\s+[^\s.,;:!?()]+){0,2}\s+(?:or|nor|atau|maupun|and|dan)\b[^.,;:!?()]*"
    r"|,\s*(?:and|or|nor|dan|atau)\s+[^.,;:!?()]*\b(?:not|never|tidak|tak|belum)\b[^.,;:!?()]*,[^.,;:!?()]*)?"
)


# "persetujuan Mendagri belum dikirim", "izinnya belum keluar", "the approval has not come yet": a denial put after
# what it denies (up to six words before it in the clause, not across "tapi", "dan", "but" ...)
_DENIED_AFTER = re.compile(
    r"(?<![^\s.,;:!?()])(?:(?!(?:tapi|namun|dan|serta|but|and|karena|because|sudah|telah|already)\b)[^\s.,;:!?()]+\s+){1,6}"
    r"(?:(?:belum|tidak|tak|nggak|gak|ga)\s+(?:juga\s+|pernah\s+)?(?:dikirim|ada|keluar|turun|terbit|diterima|diajukan|dimohonkan|disetujui|diberikan|diberi|dapat|didapat)"
    r"|(?:has|have|had|was|were|is|are)\s+(?:not|never)\s+(?:yet\s+)?(?:been\s+)?(?:sent|given|granted|issued|received|requested|come|arrived|out|in)"
    r"|(?:hasn't|haven't|wasn't|weren't|isn't|aren't)\s+(?:yet\s+)?(?:been\s+)?(?:sent|given|granted|issued|received|requested|come|arrived|out|in))\b"
)


# "boleh nggak ...?", "bisa tidak ...?": the "or not" of a question, no denial
_OR_NOT = re.compile(rf"\b({'|'.join(_OR_NOT_AFTER)}) (?:tidak|tak|nggak|enggak|gak|ga)\b")


def affirmed(text: str) -> str:
    """`text` less every clause part that follows a denial ("tidak", "belum", "no", "not" ...)
    or only asks about it, or comes just before a denial put after it ("persetujuan Mendagri
    belum dikirim": `_DENIED_AFTER`), and those it only compares with or one's own vehicle (`_LIKE`,
    `_OWN_VEHICLE`): what it states as so, which is where a rule's exception must be told
    (`excepted`)."""
    text = _OR_NOT.sub(r"\1", _not_in_story(text))
    spans = sorted(m.span() for rx in (_DENIED, _DENIED_AFTER) for m in rx.finditer(text))  # what each denies, found in one text
    kept, at = [], 0
    for start, end in spans:
        kept.append(text[at:max(at, start)])
        at = max(at, end)
    return " ".join([*kept, text[at:]])


def stated(text: str, terms: dict[str, ElementTerms]) -> frozenset[str]:
    """The elements a (normalised) text states as so: found in what it affirms (`affirmed`),
    or, for a phrase that is itself a denial ("pekerjaan itu tidak dapat ditinggalkan": the
    exception of UU 10/2016 Pasal 182B), found in the text as written."""
    return _with_denials(spoken_of(stem_seq(affirmed(text)), terms), text, terms)


def spoken_in(text: str, stage_words: str | None, terms: dict[str, ElementTerms]) -> frozenset[str]:
    """The elements a (normalised) question speaks of: found in it less the time it names and
    what it says is absent (`without`), or, for a phrase that is itself a denial ("tidak
    membalas", "never reply", "no time off"), found in it as written."""
    return _with_denials(spoken_of(stem_seq(without(text, stage_words)), terms), text, terms)


# A denial phrase denied in its turn: "tidak ada kegiatan yang tidak bisa ditinggal", "there was nothing that couldn't
# wait" say the work could be left, which is no exception stated
_DENIAL_DENIED = re.compile(r"\b(?:(?:tidak|tak|nggak|gak) ada|there (?:is|was|'s) no|nothing)\b[^.,;:!?]*?\b(?:yang|that|which)\s+"
                            r"(?=(?:tidak|tak|cannot|can't|could not|couldn't|can not|must not)\b)[^.,;:!?]*")


def _with_denials(said: frozenset[str], text: str, terms: dict[str, ElementTerms]) -> frozenset[str]:
    whole = stem_seq(_DENIAL_DENIED.sub(" ", text))
    words = frozenset(whole)
    return said | frozenset(name for name, t in terms.items() if name not in said and any(_found(p, whole, words) for p in t.denials))


def without(text: str, stage_words: str | None) -> str:
    """`text` less what only sets the time (`without_time`) or names the election ("pemilihan
    presiden": no side taken), what it says is absent ("without any attributes") or the asker did not do
    ("saya gak ngundang": `_ASKER_DENIES`), those it only compares with ("neutral like civil servants") and one's
    own vehicle ("in his private car")."""
    return _not_in_story(_ABSENT.sub(" ", _ASKER_DENIES.sub(" ", _ELECTION_NAME.sub(" pemilihan ", without_time(text, stage_words)))))


# an election named by its office ("pemilihan presiden", the normalised "pilpres"; "the presidential election"): the
# election, not a candidate or a side
_ELECTION_NAME = re.compile(r"\bpemilihan (?:presiden(?: dan wakil presiden)?|bupati|gubernur|wali ?kota|walkot|legislatif|kepala daerah)\b"
                            r"|\b(?:presidential|mayoral|gubernatorial|regent|regency|legislative|regional|general) elections?\b")


def spoken_of(stems: tuple[str, ...], terms: dict[str, ElementTerms]) -> frozenset[str]:
    """The elements a text with these stems speaks of (found once per question)."""
    s = Stems(stems)
    return frozenset(name for name, t in terms.items() if t.present(s))


def missing(rule: Rule, spoken: frozenset[str]) -> list[str]:
    """The rule's elements a text that speaks of `spoken` does not."""
    return [name for name in rule.elements if name not in spoken]


def excepted(rule: Rule, spoken: frozenset[str]) -> list[str]:
    """The elements of the rule's exception (`unless`) a text that speaks of `spoken` states:
    "the post fell vacant and the regent named an acting officer" against the ban on
    replacing officials, whose elucidation says filling a vacancy is not a replacement."""
    return [name for name in rule.unless if name in spoken]


def element_problems(base: RuleBase) -> list[Problem]:
    """Every situation and act line of a rule must name each of its elements: otherwise the
    rule could not answer its own situation (the lexicon lacks a word, or the situation
    speaks of another act)."""
    from .rulematch import RuleMatcher, as_relatives_candidacy, with_relatives_party

    terms = compile_elements(base)
    out = []
    for r in base:
        if not (r.elements or r.unless):
            continue
        for text in (r.act.id, r.act.en, *r.situations.id, *r.situations.en):
            t, kin_party = without_relatives_party(normalise(text))  # ... nor a relative's party post (RuleMatcher.spoken)
            spoken = with_relatives_party(spoken_in(t, detect_stage(text)[1], terms), kin_party) | RuleMatcher.transition(r, *detect_time(text))
            if relative_runs(t):  # a situation is the asker's question: a relative's candidacy is not theirs (RuleMatcher.spoken)
                spoken = as_relatives_candidacy(spoken)
            if gaps := missing(r, spoken):
                out.append(Problem(r.file, r.id, f"names no word of element(s) {', '.join(gaps)}: {text!r}"))
            if told := excepted(r, stated(t, terms)):
                out.append(Problem(r.file, r.id, f"states its own exception ({', '.join(told)}): {text!r}"))
    return out + unread_elements(base)


def unread_elements(base: RuleBase) -> list[Problem]:
    """Element names the matcher's code reads (`kb.rulematch.READ_ELEMENTS`: the asker's own
    acts, the handling of a case, a side) that an element table lacks: renamed in
    `elements.toml` but not in the code, the mechanism would silently stop. A table that
    defines none of them is a partial one (one topic's rules, a test) and is left alone."""
    from .rulematch import READ_ELEMENTS

    if not set(READ_ELEMENTS) & set(base.elements):
        return []
    where = str(Path(base.folder) / "elements.toml")
    return [Problem(where, None, f"element {name!r} is read by kb/rulematch.py or kb/actors.py but not defined")
            for name in READ_ELEMENTS if name not in base.elements]
