"""Elements of an act (kb.elements): a rule that lists an element answers only a question
that speaks of it; `[[element]]` tables are read and checked; every situation of a rule
names its elements; the stage words and what a question says is absent do not count."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import pytest

from kb.actors import analyse, normalise, without_frame
from kb.elements import ElementTerms, affirmed, compile_elements, element_problems, excepted, missing, spoken_in, spoken_of, stated, stem_seq, without
from kb.lexical import stem, term_list
from kb.rulematch import RuleMatcher
from kb.rules import load_rules, read_rules
from tests.helpers import HASH_T, HashEmbedder

ROOT = Path(__file__).resolve().parents[1]

ELEMENTS = '''
[[element]]
name = "imbalan"
words_id = ["uang", "amplop", "sembako"]
words_en = ["money", "envelope", "food parcel"]
'''

MONEY = '''
[[rule]]
id = "beri-uang-pemilih"
actors = ["warga"]
verdict = "prohibited"
elements = ["imbalan"]
act_id = "memberi uang kepada pemilih supaya memilih calon"
act_en = "giving voters money so that they vote for a candidate"
situations_id = ["bagi amplop ke warga supaya pilih calon", "kasih uang ke pemilih biar nyoblos calon",
  "bagi sembako sambil minta pilih calon", "janji uang kalau warga pilih calon"]
situations_en = ["handing out envelopes so people vote for a candidate", "giving voters money to vote for a candidate",
  "food parcels for residents who vote for the candidate", "promising money to anyone who votes for him"]
basis = ["UU 10/2016 Pasal 73 ayat (1)"]
sanction_level = "pidana"
sanction_id = "pidana penjara"
sanction_en = "imprisonment"
enforcer_id = "Gakkumdu"
enforcer_en = "Gakkumdu"
reviewed = "summary only: corpus/src/regulations/uu-10-2016.toml"
'''


def _folder(tmp_path: Path, *files: tuple[str, str]) -> Path:
    for name, text in files:
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_elements_are_read_and_a_rule_names_only_defined_ones(tmp_path: Path) -> None:
    base = load_rules(_folder(tmp_path, ("elements.toml", ELEMENTS), ("uang.toml", MONEY)))
    assert base.by_id["beri-uang-pemilih"].elements == ("imbalan",)
    assert "food parcel" in base.elements["imbalan"].words
    assert base.only([]).elements == base.elements  # a filtered rule base keeps its lexicon

    other = tmp_path / "other"
    other.mkdir()
    _, problems = read_rules(_folder(other, ("uang.toml", MONEY)))
    assert [p.rule for p in problems] == ["beri-uang-pemilih"] and "unknown element(s) imbalan" in problems[0].message


@pytest.mark.parametrize(
    ("table", "says"),
    [
        ('[[element]]\nname = "Bad Name"\nwords_id = ["a"]\nwords_en = ["b"]\n', "name must be"),
        ('[[element]]\nname = "x"\nwords_id = []\nwords_en = ["b"]\n', "words_id and words_en"),
        ('[[element]]\nname = "x"\nwords_id = ["a"]\nwords_en = ["b"]\ncolour = "red"\n', "unknown field(s) colour"),
        (ELEMENTS + ELEMENTS, "defined twice"),
        ('[[element]]\nname = "x"\nwords_id = ["a"]\nwords_en = ["b"]\naffirmed = "yes"\n', "affirmed must be true or false"),
    ],
)
def test_bad_element_tables_are_named(tmp_path: Path, table: str, says: str) -> None:
    _, problems = read_rules(_folder(tmp_path, ("elements.toml", table)))
    assert any(says in p.message and p.file.endswith("elements.toml") for p in problems), problems


def test_rules_check_names_a_situation_that_lacks_an_element(tmp_path: Path) -> None:
    bad = MONEY.replace('"janji uang kalau warga pilih calon"', '"minta warga pilih calon nomor dua"')
    base = load_rules(_folder(tmp_path, ("elements.toml", ELEMENTS), ("uang.toml", bad)))
    problems = element_problems(base)
    assert len(problems) == 1
    assert problems[0].rule == "beri-uang-pemilih" and "imbalan" in problems[0].message
    assert "minta warga pilih calon nomor dua" in problems[0].message


def test_a_rule_is_not_the_answer_to_a_question_without_its_element(tmp_path: Path) -> None:
    base = load_rules(_folder(tmp_path, ("elements.toml", ELEMENTS), ("uang.toml", MONEY)))
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    paid = m.decide("tim sukses bagi amplop ke warga supaya pilih calon bupati, itu pidana?")
    assert paid.verdict == "prohibited" and paid.rule is not None and paid.rule.id == "beri-uang-pemilih"
    asked = m.decide("boleh saya ajak warga supaya datang ke TPS dan pilih calon bupati?")  # no money or goods
    assert asked.verdict == "unclear"
    assert asked.candidates and not asked.candidates[0].element_ok and not asked.candidates[0].fits


IMPAIRED = '''
[[element]]
name = "bilik"
words_id = ["bilik suara", "masuk bilik"]
words_en = ["booth"]

[[element]]
name = "halangan"
affirmed = true
words_id = ["tunanetra", "buta"]
words_en = ["blind", "disabled"]
'''

HELPING = '''
[[rule]]
id = "dampingi-pemilih-buta"
actors = ["warga", "PNS"]
verdict = "allowed"
elements = ["bilik", "halangan"]
act_id = "menemani pemilih tunanetra masuk bilik suara"
act_en = "going into the booth with a blind voter"
situations_id = ["ibu saya tunanetra, boleh saya temani masuk bilik suara", "nenek buta minta saya masuk bilik suara bersamanya",
  "menemani tetangga tunanetra di bilik suara", "ayah saya buta, saya ikut masuk bilik"]
situations_en = ["my blind mother wants me in the booth with her", "may I go into the booth with my disabled father",
  "helping a blind neighbour in the booth", "a blind voter asked his son into the booth"]
basis = ["UU 10/2016 Pasal 178G"]
sanction_level = "none"
reviewed = "summary only: corpus/src/regulations/uu-10-2016.toml"
'''


def test_an_affirmed_element_counts_only_where_the_question_states_it(tmp_path: Path) -> None:
    """A condition such as a voter's impairment must be stated as so: "she's not disabled or
    anything" names the word and denies it, and the permission that needs it does not fit."""
    base = load_rules(_folder(tmp_path, ("elements.toml", IMPAIRED), ("bilik.toml", HELPING)))
    assert base.elements["halangan"].affirmed and not base.elements["bilik"].affirmed
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    told = m.decide("My mother is blind. May I go into the booth with her at the regional election?")
    assert (told.verdict, told.rule.id if told.rule else None) == ("allowed", "dampingi-pemilih-buta")
    denied = m.decide("My mother is not disabled or anything, just nervous. May I go into the booth with her at the regional election?")
    assert denied.verdict == "unclear" and denied.candidates and not denied.candidates[0].element_ok


def test_stage_words_and_what_is_said_to_be_absent_do_not_count() -> None:
    f = analyse("Katanya PNS dilarang ambil cuti selama masa kampanye pemilu, saya mau cuti tahunan")
    assert f.stage_words and "kampany" not in term_list(without(f.normalised, f.stage_words))
    g = analyse("saya pasang spanduk bakal calon bupati di rumah")  # "bakal calon" names the person: it stays
    assert "calon" in term_list(without(g.normalised, g.stage_words))
    said = term_list(without(normalise("I explain how voting works, but never mention a candidate or party."), None))
    assert "vot" in said and "candidat" not in said and "party" not in said
    assert "vot" in term_list(without(normalise("don't vote for pair 1"), None))  # "not" still names a side
    # "no 2" is a ballot number (nomor), not an absence; "no T-shirt" is one
    kept = term_list(without(normalise("status WA 'coblos no 2' pakai foto paslonnya. no T-shirt, no photos."), None))
    assert "pasang" in kept and "calon" in kept and "shirt" not in kept and "photo" not in kept
    # naming or showing denied: what follows is absent ("ga nyebut calon", "does not mention any candidate")
    told = term_list(without(normalise("upload foto jari tinta, captionnya 'udah nyoblos', ga nyebut calon siapa2"), None))
    assert "tinta" in told and "calon" not in told
    assert "candidat" not in term_list(without(normalise("my post does not mention any candidate"), None))
    # ... and the rest of the list it denies ("no candidate name, number or colour"); not a clause after a comma
    for q in ("Can I post 'go to your TPS!' with no candidate name, number or colour?",
              "'Ayo datang ke TPS', tanpa menyebut nama, nomor, atau warna calon mana pun."):
        told = term_list(without(normalise(q), None))
        assert "tps" in told and not {"number", "colour", "nomor", "warna", "calon"} & set(told), q
    assert "nomor" in term_list(without(normalise("tanpa atribut, saya dan teman datang ke kampanye nomor 2"), None))
    # a count of votes speaks of the votes ("memindahkan 20 suara": moving votes, as "memindahkan suara")
    changing = _real_terms()["ubah-hasil"]
    for q in ("saksi minta saya memindahkan 20 suara dari paslon 1 ke paslon 2", "he asked us to move 1,200 votes to pair 2"):
        assert changing.present(stem_seq(normalise(q))), q
    # an acting head ("penjabat", "Pj") is kept whole: no official ("pejabat") nor post ("jabatan") shares its stem
    assert "penjabat" in stem_seq(normalise("Pj bupati merotasi pejabat")) and "penjabat" not in stem_seq(normalise("dibebaskan dari jabatan"))
    # a superior who obliges others ("mewajibkan"), or the superior ("atasan"), shares no stem with a question's "wajib"
    # (must) or the "atas" of "atas nama"; "in order to" gives no order
    directing = _real_terms()["arahan-atasan"]
    for q in ("Wajib saya kasih salinannya ke saksi?", "Suara saya dipakai atas nama orang lain", "I went early in order to vote"):
        assert not directing.present(stem_seq(normalise(q))), q
    for q in ("atasan mewajibkan kami hadir di kampanye", "atasanku menyuruh pasang stiker", "my boss gave the order to attend"):
        assert directing.present(stem_seq(normalise(q))), q
    # the health examination of every registering pair, told as it is done, is a task for the organisers
    for q in ("KPU picked our hospital to run the health examinations for every pair, so I'll be examining the candidates",
              "rumah sakit kami ditunjuk memeriksa kesehatan calon yang mendaftar"):
        assert _real_terms()["tugas-penyelenggara"].present(stem_seq(normalise(q))), q
    # a colleague, the finance section, joining a campaign and teaching are no office property, money or following a debate
    terms = _real_terms()
    for el, innocent, meant in (("fasilitas", "teman sekantor saya ikut kampanye", "pakai printer kantor buat brosur"),
                                ("imbalan", "saya staf bagian keuangan", "dikasih uang 100 ribu"),
                                # paying one's respects or a visit pays no money
                                ("imbalan", "if i go pay my condolences at their house, is that backing him?", "they paid me to vote"),
                                ("imbalan", "the candidate paid a visit to our office", "he pays voters 50k each"),
                                ("menyimak", "saya guru yang mengajar dan mau ikut kampanye", "boleh mengikuti debat calon di TV?"),
                                # "pengurus" (an office holder) shares its stem with "urusan" (matters) and "mengurus"
                                ("partai", "takut dianggap ikut-ikut urusan pemilu kalau jadi anggota KPPS", "saya diajak jadi pengurus ranting"),
                                # a word that shares its stem with an everyday one speaks only of its own sense: a guard
                                # is no "aman" (safe), a case left lying no one keeping silent, a warning no "ingat"
                                ("pengamanan", "saya cuma salaman sama calon, aman kan?", "menteri kampanye dengan pengawalan polisi"),
                                ("penanganan", "kalau saya diam saja di grup kampanye boleh kan?", "laporan soal staf saya didiamkan atasan"),
                                ("penanganan", "ingat ya, jangan pilih nomor 2", "kabid memberi surat peringatan ke staf"),
                                ("baru-menjabat", "saya mau pilih paslon nomor 1", "bupati terpilih mau ganti sekda"),
                                ("suara-ganda", "wakil bupati ikut kampanye", "suara saya diwakilkan ke tetangga"),
                                ("keputusan-hukuman", "saya jaga TPS sampai sore", "SK hukuman saya baru disampaikan sekarang"),
                                # a video or an open campaign is no examination held by video or in the open
                                ("cara-pemeriksaan", "saya share video kampanye terbuka paslon", "pemeriksaan saya lewat video call"),
                                # a "like" that compares is no like on a post; a hand sign no signature
                                ("media-daring", "is a rally like that allowed?", "can I like a post by the candidate?"),
                                ("penanganan", "photo with a finger sign for pair 2", "my superior is the one who signs the decision"),
                                # a week is no Sunday, a neighbour no neighbouring region
                                ("cuti-libur", "minggu depan ada kampanye paslon", "kampanye hari minggu waktu libur"),
                                ("daerah-lain", "my neighbours are all for pair 1", "he runs in the neighbouring regency"),
                                # a voter's registration or standing in a crowd is no running for office; "Pak" no father;
                                # an aide no aid, and "good" no goods
                                ("pencalonan", "saya terdaftar di dua TPS", "saya mendaftar ke KPU sebagai calon"),
                                ("pencalonan", "I am registered at two polling stations", "he registered with KPU as a candidate"),
                                ("pencalonan", "can I stand at the back of the rally?", "he will stand for regent"),
                                ("keluarga", "Pak Bupati datang ke acara kami", "bapak saya ikut kampanye"),
                                ("imbalan", "the regent's aide came to our office", "they handed out aid packages"),
                                ("imbalan", "is it good to attend?", "free goods for voters")):
        assert not terms[el].present(stem_seq(normalise(innocent))), innocent
        assert terms[el].present(stem_seq(normalise(meant))), meant
    # a euphemism for altering the tally, and a boss who keeps everyone at work with "no popping out to vote"
    for el, q in (("ubah-hasil", "tim paslon minta saya merapikan angka beberapa TPS"), ("ubah-hasil", "they asked me to tidy up the numbers"),
                  ("waktu-kerja", "everyone stays at the office till 5, no popping out to vote"),
                  ("memberi-suara", "everyone stays at the office till 5, no popping out to vote")):
        assert el in spoken_in(normalise(q), None, terms), (el, q)
    # two invitation letters and voting "at both" speak of voting more than once
    for q in ("got 2 invitation letters for the pilkada, one at my parents place n one near my boarding house. can i vote at both?",
              "saya dapat dua undangan, di rumah ortu dan di kos. boleh nyoblos di dua-duanya?"):
        assert terms["suara-ganda"].present(stem_seq(normalise(q))), q
    # a vacant post filled "in the meantime", or a post that must "stay empty", is the acting officer's case
    for q in ("Colleagues insist the post must stay empty. Can the regent name someone to run the agency in the meantime?",
              "bupati menunjuk kepala bidang untuk sementara memimpin dinas itu"):
        assert terms["pelaksana-tugas"].present(stem_seq(normalise(q))), q
    # steering the queue at a polling station, told as reminding or whispering to voters
    for q in ("while ppl queue at the TPS can i quietly remind them that candidate no. 1 built our road?",
              "petugas KPPS membisiki pemilih yang antre"):
        assert terms["arahkan-pilihan"].present(stem_seq(normalise(q))), q
    # the chat "meriksa" and "anggap selesai" speak of handling a case
    for q in ("emg atasan ga wajib meriksa ya?", "saya mau anggap selesai saja kasus staf itu"):
        assert terms["penanganan"].present(stem_seq(normalise(q))), q
    # a denial put after what it denies: "the Minister's approval has not been sent", "izinnya belum keluar"
    assert "mendagri" not in term_list(affirmed(normalise("Surat permohonan persetujuan ke Mendagri belum dikirim; kata beliau nanti saja.")))
    assert "approv" not in term_list(affirmed(normalise("The minister's written approval has not come yet, can he go ahead?")))
    assert "izin" in term_list(affirmed(normalise("kades sudah dapat izin tapi suratnya belum keluar")))
    assert "izin" not in term_list(affirmed(normalise("saya tidak dapat izin")))
    # one's own clothes with a colour between ("a plain grey shirt") are no attribute
    assert "shirt" not in term_list(affirmed(normalise("He wore a plain grey shirt and stood at the back")))
    assert "tshirt" not in term_list(affirmed(normalise("can i go to the rally sunday, plain tshirt, just listening?")))
    # "wore nothing with a number or a party logo": what "nothing" denies is not told (nor spoken of)
    assert "logo" not in term_list(affirmed(normalise("I didn't cheer, wore nothing with a number or a party logo")))
    assert "logo" not in term_list(without(normalise("I wore nothing with a party logo"), None))
    # wearing denied ("ga pake kaos/atribut apa2"), but not the "or not" of a question ("boleh tidak pakai seragam?")
    assert "atribut" not in term_list(without(normalise("mau nonton kampanye, ga pake kaos/atribut apa2, cm dengerin"), None))
    assert "shirt" not in term_list(without(normalise("I'd go to the rally not wearing any party shirt"), None))
    assert "seragam" in term_list(without(normalise("boleh tidak pakai seragam dinas ke kampanye?"), None))
    assert "calon" in term_list(without(normalise("jangan pilih calon nomor 2"), None))
    # nobody pays for it: no money is in the act ("nggak dibayar siapa pun", "I wasn't paid by anyone")
    assert "bayar" not in term_list(without(normalise("status FB 'saya pilih paslon 1', nggak dibayar siapa pun, murni pendapat sendiri"), None))
    assert "paid" not in term_list(without(normalise("I posted my own view. I wasn't paid by anyone."), None))
    assert "bayar" in term_list(without(normalise("saya dibayar tim paslon untuk posting"), None))
    # what nobody has done is not told ("Nobody has reported me"), but "nobody gets time off to vote" tells the act
    assert "report" not in term_list(without(normalise("I deleted the post. Nobody has reported me. Is the matter closed?"), None))
    assert "vot" in term_list(without(normalise("my kabid says nobody in our office gets time off to vote"), None))
    # what the asker says they did not do is not told, with the denials listed after it; a denial of
    # permission, knowledge or will, or of a breach asked about, is no deed denied
    said = term_list(without(normalise("Saya cuma bukain pintu. Saya gak ngundang, ga foto, nggak bilang dukung. Aman kan?"), None))
    assert "bukain" in said and not {"ngundang", "foto", "dukung"} & set(said)
    said = term_list(without(normalise("I did not invite anyone, didn't take photos and did not say I support him."), None))
    assert not {"invit", "photo", "support"} & set(said)
    assert "pasang" in term_list(without(normalise("saya tidak ikut kampanye, cuma pasang stiker paslon di mobil"), None))
    for q in ("saya tidak boleh ikut kampanye ya?", "aku gak tau itu kampanye", "Saya tidak melanggar kan kalau hadir kampanye?",
              "I do not want to join the campaign but my boss insists"):
        assert {"kampany", "campaign"} & set(term_list(without(normalise(q), None))), q
    # those who only comment on the act are not in it; "like us civil servants" only compares
    said = term_list(without(normalise("Staff at the RSUD say regional heads must be neutral like us civil servants."), None))
    assert "staff" not in said and "civil" not in said and "head" in said
    said = term_list(without(normalise("Staf kecamatan pada ribut, katanya bupati tidak boleh kampanye."), None))
    assert "staf" not in said and "bupati" in said
    assert "staf" in term_list(without(normalise("Kadis menyuruh staf ikut kampanye."), None))
    # the neutrality rule's name is no civil servant in the story
    assert "asn" not in term_list(without(normalise("my dad retired. does the ASN neutrality rule still apply to him?"), None))
    assert "asn" in term_list(without(normalise("the team recruited two ASN as coordinators"), None))
    # "ga ada gambar paslon": there is none of it
    shown = term_list(without(normalise("foto kelingking bertinta, ga ada gambar paslon, cuma jari"), None))
    assert "tinta" in shown and "calon" not in shown
    # where one's pay comes from tells who one is: no reward nor budget in the act ("digaji dari APBD", "paid from the
    # regional budget"); money paid by a campaign stays
    for q in ("saya honorer digaji dari APBD, boleh jadi saksi partai?", "I'm honorary staff paid from the regional budget",
              "gaji saya dari dana BOS sekolah"):
        assert not {"imbalan", "fasilitas"} & spoken_in(normalise(q), None, terms), q
    for q in ("warga dibayar dari dana desa supaya memilih paslon 2", "we were paid by the campaign team to attend"):
        assert "imbalan" in spoken_in(normalise(q), None, terms), q
    # the campaign told again as a period ("pas musim kampanye gini") and the election named by its office ("pemilihan
    # presiden") take no side: a gift to a mosque "unrelated to any candidate" in campaign season names none
    f = analyse("skrg lg masa kampanye pilpres. sy PNS mau nyumbang 2jt buat renovasi masjid, duit pribadi, gk ada hubungannya "
                "sm capres atau partai manapun. boleh gk sih nyumbang pas musim kampanye gini")
    assert "pihak" not in spoken_in(f.normalised, f.stage_words, terms)
    assert analyse("boleh gk nyumbang masjid pas musim kampanye?").stage == "kampanye"
    assert "pihak" in spoken_in(normalise("saya pasang stiker capres nomor 2 di mobil"), None, terms)
    # a relative's service told with the place of the work between ("istri sy bidan desa PNS") brings no servant into the act
    assert "aparat-dilibatkan" not in spoken_in(normalise("istri sy bidan desa PNS, sy sendiri petani. sy diajak jd tim kampanye caleg"), None, terms)
    assert "aparat-dilibatkan" in spoken_in(normalise("tim kampanye caleg mengajak bidan desa PNS jadi relawan"), None, terms)
    # meals and transport within what KPU sets, told in other words, are the money-politics rule's exception
    assert "batas-kewajaran" in spoken_in(normalise("we give the 150 people who come a nasi box and transport, within the amounts KPU sets"), None, terms)
    # "no urut" is the ballot number, not the English "no" that denies what follows
    assert "calon" in term_list(without(normalise("di amplopnya ditempel stiker no urut paslon bupati"), None))
    # "bulanan" (monthly: a routine) is no "bulan" (any month a story names)
    assert not terms["tugas-rutin"].present(stem_seq(normalise("kades membagikan BLT dana desa bulan oktober")))
    assert terms["tugas-rutin"].present(stem_seq(normalise("penyaluran bantuan bulanan seperti biasa")))
    # a neighbours' chat group of one RT, and a neighbouring region told by its own word
    assert terms["grup-umum"].present(stem_seq(normalise("grup WhatsApp warga satu RT")))
    assert terms["daerah-lain"].present(stem_seq(normalise("to run for regent of the neighbouring Kabupaten B")))
    # one who serves as acting regent is no acting officer appointed to a vacant post
    assert not terms["pelaksana-tugas"].present(stem_seq(normalise("I'm an echelon II official serving as acting regent (Pj Bupati)")))


def test_the_frame_asking_if_it_is_a_breach_is_not_the_act() -> None:
    told = without_frame(normalise("I stood at the back of a declaration without cheering. Is that a neutrality breach?"))
    assert "neutrality" not in told and "declaration" in told
    assert "netralitas" not in without_frame(normalise("saya like postingan calon bupati di facebook, apakah itu melanggar netralitas?"))
    # the frame is all there is: the question is about the duty itself, and stays as it is
    assert "neutrality" in without_frame(normalise("Does neutrality apply to PPPK?"))
    # a worry about how it looks, and a premise that only restates the duty before the real question
    assert "netral" not in without_frame(normalise("asn boleh nyoblos kan? takut dikira ga netral wkwk"))
    premise = without_frame(normalise("asn kan wajib netral, brarti ga boleh nyoblos dong?"))
    assert "wajib" not in premise and "mencoblos" in premise
    assert "wajib netral" in without_frame(normalise("apakah ASN wajib netral di pemilu?"))  # the duty asked about
    # a premise marked as one ("kan katanya", "since") goes wherever it stands; the question stays
    assert "netral" not in without_frame(normalise("pns blh milih ga? kan katanya hrs netral, takut salah"))
    assert without_frame(normalise("Since we must stay neutral, can I still vote?")).split()[-3:] == ["still", "vote", "?"]
    assert "netral" in without_frame(normalise("PNS harus netral?"))  # the frame is all there is: it stays
    # a claim someone made, checked, then what the asker wants: the claim is not the act asked about
    checked = without_frame(normalise("Kata kasubag, ASN sebaiknya tidak datang ke TPS biar tidak dituduh memihak. Benarkah aturannya begitu? Saya mau tetap mencoblos."))
    assert "tuduh" not in checked and "mencoblos" in checked
    # ... but not when what follows asks something more (the claim then holds the act: "and what happens to my contract?")
    kept = without_frame(normalise("He says PPPK may join a campaign team. Is that true? And if someone reports me, what happens?"))
    assert "campaign" in kept


def test_an_element_table_must_define_what_the_matcher_reads(tmp_path: Path) -> None:
    """The matcher reads some element names in code (the asker's own acts, a case's handling,
    a side); a table that lacks one (renamed in elements.toml only) is named by the check."""
    from kb.rulematch import READ_ELEMENTS

    table = ELEMENTS + '\n[[element]]\nname = "melapor"\nwords_id = ["lapor"]\nwords_en = ["report"]\n'
    base = load_rules(_folder(tmp_path, ("elements.toml", table), ("uang.toml", MONEY)))
    found = element_problems(base)
    assert {p.message.split("'")[1] for p in found} == set(READ_ELEMENTS) - {"melapor"}
    assert all(p.file.endswith("elements.toml") and p.rule is None for p in found)
    assert "menolak" in READ_ELEMENTS
    assert element_problems(load_rules(_folder(tmp_path, ("elements.toml", ELEMENTS)))) == []  # a partial table


def test_the_real_rule_base_s_elements_hold_for_its_situations() -> None:
    base = load_rules(ROOT / "corpus" / "rules")
    assert base.elements and any(r.elements for r in base)
    assert element_problems(base) == []
    terms = compile_elements(base)
    money = base.by_id["politik-uang-pilkada-memberi"]
    def gaps(rule, text):  # noqa: ANN001, ANN202
        return missing(rule, spoken_of(stem_seq(normalise(text)), terms))

    assert gaps(money, "can I encourage first-time voters to turn out on election day") == ["imbalan"]
    assert gaps(money, "a man brought 150k from the pair's team at dawn; can I keep it?") == []  # "150k": a sum of money
    boss = base.by_id["atasan-arahkan-bawahan-dukung-calon"]  # pressure from above needs someone directing others
    assert gaps(boss, "PNS upload foto jari tinta di story WA, caption 'ayo pilih calon nomor 2'") == ["arahan-atasan"]
    assert gaps(boss, "atasan menyuruh kami mendukung calon nomor 2") == []
    assert gaps(boss, "my boss told us to back candidate number 2") == []
    # a candidate for regent is no one's superior: "calon bupati" does not speak of someone directing others
    assert gaps(boss, "teman sekantor saya naik panggung di deklarasi bakal calon bupati") == ["arahan-atasan"]
    # ... nor is a newspaper or a candidate who asks the asker for something ("meminta" alone directs no one)
    assert gaps(boss, "koran lokal meminta saya menulis opini tentang program calon gubernur") == ["arahan-atasan"]
    assert gaps(boss, "kasubag kami minta semua pegawai setor fotokopi KTP untuk calon perseorangan") == []
    appeal = base.by_id["pns-ajak-dukung-calon"]  # Pasal 5 huruf n angka 6: an appeal of one's own, not others' posts one reads
    assert gaps(appeal, "my cousins keep posting pair 2 campaign material in the family group; I never reply") == ["ajakan"]
    assert gaps(appeal, "I asked my cousins in the family group to vote for pair 2") == []
    assert gaps(appeal, "pak camat bilang 'saya titip paslon nomor 1 ya' ke para kades") == []
    assert gaps(appeal, "sy kirim VN di grup WA keluarga: 'besok smua coblos no 1 ya'") == []  # "no 1": a pair's number
    assert gaps(appeal, "told the whole arisan group to vote 03 lol") == []  # "03": a pair's number as chats write it
    # the duty to keep a relieved civil servant's pay (PP 94/2021 Pasal 31 ayat (4)) forbids stopping it: asking whether
    # he keeps it, or may be relieved, is not stopping it
    keep = base.by_id["hak-pns-dibebaskan-sementara-tetap-diberikan"]
    assert gaps(keep, "can he be relieved of his duties until the decision comes out, and does he keep his pay meanwhile?") == ["hentikan-hak"]
    assert gaps(keep, "blh sy bebastugaskan dulu smntr selama diperiksa? gajinya gmn?") == ["hentikan-hak"]
    assert gaps(keep, "I plan to relieve him of his post while he is examined. Can I cut off his pay during the relief?") == []
    assert gaps(keep, "selama dibebastugaskan karena diperiksa, gaji saya ditahan kantor") == []
    # serving an official is a ban only at the official's campaign: a relative's candidacy or a story with no campaign
    # act in it is not that act
    aide = base.by_id["pns-dampingi-pejabat-kampanye"]
    assert gaps(aide, "My father is the sitting governor and I want to run for regent in his province. Is that barred?") == ["kegiatan-kampanye"]
    assert gaps(aide, "saya ajudan bupati, bupati cuti, apa saya ikut mendampingi dia ke panggung kampanye") == []
    polls = base.by_id["atasan-wajib-beri-kesempatan-memilih"]  # UU 10/2016 Pasal 182B: work that keeps staff from the polls
    assert gaps(polls, "kabid harus kasih kami waktu nyoblos atau boleh nahan kami di kantor?") == []
    assert gaps(polls, "kades tiap hari suruh warga coblos petahana") == ["waktu-kerja"]
    assert gaps(polls, "do I have to let the harvesters off to vote on pilkada day?") == []
    telling = base.by_id["pns-ceritakan-pilihan-pribadi"]  # "penanggung jawab" (the one in charge) answers no one
    assert gaps(telling, "dokter PNS penanggung jawab UGD upload video ajakan coblos no 3") == ["bercerita", "pilihan-sendiri"]
    assert gaps(telling, "suami tanya saya nyoblos siapa, saya jawab") == []
    # telling is not enough: one's own choice must be what is told ("he said", "she asked" fill every story)
    assert gaps(telling, "the centre head said his brother-in-law needs support forms and asked us to sign") == ["pilihan-sendiri"]
    assert gaps(telling, "a colleague asked which candidate I prefer and I told him") == []
    # no phrase runs across a sentence's end; a number after "no." is no end
    assert gaps(telling, "kepala ruangan bilang saya tidak bisa nyoblos. Siapa yang benar?") == ["pilihan-sendiri"]
    assert stem_seq("pick no . 5 !")[:3] == ("pick", "no", "5")
    # ... nor across a bracket: "(blm ditetapin KPU) minta izin" is no "KPU meminta" (a task KPU gives)
    organisers = base.by_id["pns-tugas-untuk-penyelenggara-pemilu"]
    assert gaps(organisers, "ada bakal calon bupati (blm ditetapin KPU) minta izin pasang baliho di pagar rumah sy") == ["tugas-penyelenggara"]
    assert gaps(organisers, "KPU minta saya jadi panelis debat calon bupati") == []
    # a post left empty is filled by an acting officer; a service that must not be left empty is no post
    acting = base.by_id["kepala-daerah-tunjuk-plt-jabatan-kosong"]
    assert gaps(acting, "besok hari H semua staf tetap masuk, alasannya pelayanan ga boleh kosong") == ["pelaksana-tugas"]
    assert gaps(acting, "camat meninggal mendadak, posisinya kosong. bupati boleh menunjuk penggantinya?") == []
    fabricated = base.by_id["pns-laporan-palsu"]  # an edited screenshot sent as evidence is made-up evidence
    assert gaps(fabricated, "kepikiran bikin SS editan seolah dia share poster caleg trus lapor ke bawaslu") == []
    turnout = base.by_id["asn-ajak-gunakan-hak-pilih-tanpa-calon"]  # a call to vote that names no side
    assert gaps(turnout, "can I post a selfie with my inked finger and 'done voting, don't waste your vote'?") == []
    assert gaps(turnout, "can I post a selfie with the candidate at his rally?") == ["ajakan-memilih"]
    elsewhere = base.by_id["kepala-daerah-nyalon-di-daerah-lain-berhenti"]  # UU 10/2016 Pasal 7(2)(p): running in another region
    assert gaps(elsewhere, "our mayor is running for a second term; must he leave office?") == ["daerah-lain"]
    assert gaps(elsewhere, "bupati kami nyalon bupati di kabupaten tetangga, harus berhenti?") == []
    listening = base.by_id["pns-dengar-kampanye-tanpa-atribut"]  # "berdiri" (standing) is no "diri" of "mencalonkan diri"
    assert gaps(listening, "saya PNS mau mencalonkan diri jadi wakil gubernur, kapan harus mengundurkan diri?") == ["kehadiran"]
    assert gaps(listening, "saya cuma berdiri di belakang waktu kampanye akbar") == []
    new_head = base.by_id["kepala-daerah-baru-ganti-pejabat"]  # UU 10/2016 Pasal 162(3): the six months after inauguration
    assert gaps(new_head, "bupati mau maju lagi dan merotasi kepala bidang sebelum penetapan paslon") == ["baru-menjabat"]
    assert gaps(new_head, "a regent sworn in last month reshuffled agency heads") == []
    assert gaps(new_head, "bupati kami baru dilantik bulan lalu dan langsung mengganti kepala dinas") == []
    # a head who swears in the officials he picked is not new in office
    assert gaps(new_head, "bupati petahana mencopot kepala dinas lalu melantik orang-orang dekatnya") == ["baru-menjabat"]
    bringing = base.by_id["pejabat-kampanye-libatkan-asn"]  # involving civil servants needs them named
    assert gaps(bringing, "a regent who is a party cadre wants to speak at legislative campaign events") == ["aparat-dilibatkan"]
    assert gaps(bringing, "bupati naik panggung kampanye caleg bersama kepala dinas dan ajudannya") == []
    assert gaps(base.by_id["tim-kampanye-libatkan-asn-pemilu"], "I run a market stall; may I speak at a DPR candidate's rally") == ["aparat-dilibatkan"]
    assert gaps(base.by_id["paslon-libatkan-asn-pilkada"], "our village secretary is on a regent candidate's team") == []
    witness = base.by_id["pns-saksi-paslon-di-tps"]  # the polling station is where voters go too
    assert gaps(witness, "guru PNS ikut nyoblos di TPS, boleh kan?") == ["saksi"]
    assert gaps(witness, "a party asked me to be its witness at the count") == []
    voting = base.by_id["asn-menggunakan-hak-pilih"]  # naming the election ("pilkada": "pemilihan ...") is not voting
    assert gaps(voting, "kalau kalah di pilkada, PNS yang sudah mundur bisa balik lagi?") == ["memberi-suara"]
    assert gaps(voting, "PNS boleh memilih di pilkada?") == []
    assert gaps(base.by_id["tni-polri-nyalon-pilkada-mundur"], "anggota TNI ikut pilkada") == []  # "ikut pilkada" is still running
    running = base.by_id["tni-polri-nyalon-pilkada-mundur"]  # a phrase counts only with its words in a row
    assert gaps(running, "TNI ikut mengawal kotak suara pilkada") == ["pencalonan"]
    assert gaps(running, "anggota TNI mau ikut pilkada jadi calon bupati") == []


def _states_exception(rule_id: str, question: str) -> bool:
    """Does the question state the exception of this rule of the real rule base?"""
    base = load_rules(ROOT / "corpus" / "rules")
    spoken = spoken_of(stem_seq(affirmed(normalise(question))), compile_elements(base))
    return bool(excepted(base.by_id[rule_id], spoken))


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("a mayor goes on a presidential campaign stage on his day of leave", True),
        ("pak bupati jadi jurkam caleg partainya pas hari libur, sah nggak", True),
        ("wali kota naik panggung kampanye capres di hari cutinya", True),
        ("bupati jadi jurkam capres hari Senin tanpa cuti, boleh?", False),
        ("a regent spoke at a legislative rally during office hours and was not on leave", False),
    ],
)
def test_campaigning_without_leave_names_leave_as_its_exception(question: str, told: bool) -> None:
    """The ban on an official campaigning in a general election without leave (UU 7/2017
    Pasal 281 ayat (1) huruf b) does not answer a question that says he was on leave or
    campaigned on a holiday (Pasal 302): its exception is shown, not its verdict."""
    assert _states_exception("pejabat-kampanye-tanpa-cuti-pemilu", question) is told


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("boleh nggak bupati bawa ajudan PNS pas kampanye pileg", True),  # "boleh nggak": the question's "or not"
        ("a governor speaks at a presidential rally with his agency heads beside him", True),
        ("bupati kampanye caleg tanpa membawa PNS, boleh?", False),
        ("boleh nggak bupati ikut kampanye capres dari partainya?", False),
        # a denial covers the list it opens
        ("the regent speaks at a party rally on a sunday; no official car, aides or agency staff come with him", False),
        ("the regent speaks at a party rally on a sunday with no official car, and two agency heads come with him", True),
    ],
)
def test_an_official_s_campaign_permission_excepts_bringing_civil_servants(question: str, told: bool) -> None:
    """A regional head may campaign in a general election on leave (UU 7/2017 Pasal 281, 299),
    but not with civil servants in his campaign (Pasal 280 ayat (3)): a question that says he
    brings them gets the permission's exception shown, not its verdict."""
    assert _states_exception("pejabat-kampanye-pemilu-dengan-cuti", question) is told


def test_sastrawi_misstems_are_corrected() -> None:
    assert stem("ajakan") == stem("ajak") == "ajak"
    assert stem("relawan") == "relawan"


def test_the_matched_question_leaves_out_the_period_but_keeps_the_person() -> None:
    q = RuleMatcher.query_text(analyse("Saya PNS, mau ambil cuti tahunan selama masa kampanye pemilu"))
    assert "masa kampanye" not in q and "cuti tahunan" in q
    assert "bakal calon" in RuleMatcher.query_text(analyse("saya PNS pasang spanduk bakal calon bupati"))


def test_a_candidate_pair_means_kpu_has_confirmed_them() -> None:
    """A pair and its ballot number exist once KPU has confirmed the candidates: a rule only
    for prospective candidates does not fit; a named stage or "bakal" keeps it open."""
    assert analyse("tim paslon gubernur minta saya bikin materi debat").confirmed
    assert analyse("I liked candidate pair 1's post").confirmed
    assert not analyse("saya hadir di deklarasi bakal pasangan calon bupati").confirmed
    assert not analyse("saya like postingan calon bupati").confirmed
    # the public debates between candidates that KPU holds are a form of campaign (UU 10/2016 Pasal 65, 68)
    assert analyse("KPU minta saya jadi moderator debat publik calon wali kota").confirmed
    assert analyse("Can a civil servant moderate one of the official mayoral-candidate debates?").confirmed
    assert not analyse("di grup WA kantor ada debat soal calon bupati").confirmed
    base = load_rules(ROOT / "corpus" / "rules")
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    only_before = next(r for r in base if r.stages == ("bakal-calon",))
    by_rule = {c.rule.id: c for c in m.score(analyse("tim paslon bupati minta saya jadi konsultan"))}
    assert not by_rule[only_before.id].stage_ok
    assert by_rule["pns-tim-sukses"].stage_ok


def test_the_matched_question_leaves_out_the_words_that_ask_for_the_sanction() -> None:
    q = RuleMatcher.query_text(analyse("What punishment does a civil servant face for using the office laptop to make flyers?"))
    assert q.startswith("using the office laptop")
    assert "sanksi" not in RuleMatcher.query_text(analyse("Apa sanksi bagi PNS yang menjadi tim sukses?"))
    assert "sanksi" in RuleMatcher.query_text(analyse("apakah sanksi disiplin sedang berupa potongan tunjangan?"))


def test_the_asked_act_is_matched_without_the_breach_frame() -> None:
    """"Saya mau mencoblos paslon ... Apa mencoblos itu melanggar netralitas?": the asked sentence
    is matched, and "melanggar netralitas" (which every rule on handling a case shares) is not the act."""
    q = RuleMatcher.query_text(analyse("Teman bilang PNS sebaiknya golput. Saya sudah terdaftar di DPT dan mau mencoblos. Apa mencoblos itu melanggar netralitas?"))
    assert "mencoblos" in q and "netralitas" not in q


def test_the_campaign_named_as_the_time_is_no_act_of_it() -> None:
    """"the campaign has started", "kampanye sudah dimulai": the stage, not a campaign act or a side
    ("pas kampanye" may be the event itself: "pas kampanye akbar aku dtg pake kaos partai")."""
    for q in ("The Pilkada campaign has started. Do we have to postpone our posyandu visits?",
              "Kampanye pilkada sudah dimulai. Apa imunisasi di posyandu harus ditunda?"):
        words = RuleMatcher.query_text(analyse(q)).split()
        assert "kampanye" not in words and "campaign" not in words, words


def test_the_asked_sentence_keeps_the_words_of_whom_it_asks_about() -> None:
    """The asker's own mention ("sy bidan PNS", told in another sentence) is left out of the
    asking sentence only where it stands there: the PNS the husband speaks of stays."""
    q = RuleMatcher.query_text(analyse("Suami sy bilang PNS gak boleh nyoblos biar netral, bener gak sih? sy bidan PNS di puskesmas. "
                                       "Trs boleh ga sy milih sesuai hati aja?"))
    assert "pns" in q.split() and "mencoblos" in q
    assert "pns" not in RuleMatcher.query_text(analyse("Saya PNS, boleh nggak saya mencoblos?")).split()


# ---------------------------------------------------------------------------- a rule's stated exception

EXCEPTION_ELEMENTS = '''
[[element]]
name = "pelaksana-tugas"
words_id = ["pelaksana tugas", "plt", "jabatan kosong"]
words_en = ["acting officer", "vacant"]
'''

REPLACE = '''
[[rule]]
id = "ganti-pejabat"
actors = ["kepala-daerah"]
verdict = "prohibited"
unless = ["pelaksana-tugas"]
act_id = "bupati mengganti pejabat menjelang penetapan pasangan calon"
act_en = "a regent replacing officials shortly before candidate pairs are confirmed"
situations_id = ["bupati merotasi kepala dinas menjelang penetapan paslon", "bupati mencopot camat menjelang pilkada",
  "wali kota mutasi pejabat eselon sebelum penetapan calon", "gubernur melantik pejabat baru menjelang penetapan calon"]
situations_en = ["a regent rotated agency heads before candidates were confirmed", "the mayor removed sub-district heads before the election",
  "a governor installed new officials before candidate confirmation", "the regent reshuffled officials ahead of the election"]
exceptions_id = "Mengisi jabatan kosong dengan pelaksana tugas bukan penggantian."
exceptions_en = "Filling a vacant post with an acting officer is not a replacement."
basis = ["UU 10/2016 Pasal 71 ayat (2)"]
sanction_level = "administratif"
sanction_id = "pembatalan sebagai calon"
sanction_en = "cancellation of the candidacy"
enforcer_id = "KPU"
enforcer_en = "KPU"
reviewed = "summary only: corpus/src/regulations/uu-10-2016.toml"
'''


def test_a_question_that_states_the_rule_s_exception_is_not_given_its_verdict(tmp_path: Path) -> None:
    base = load_rules(_folder(tmp_path, ("elements.toml", EXCEPTION_ELEMENTS), ("ganti.toml", REPLACE)))
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    plain = m.decide("bupati merotasi kepala dinas menjelang penetapan paslon, boleh?")
    assert plain.verdict == "prohibited" and plain.rule is not None and plain.rule.id == "ganti-pejabat"
    told = m.decide("bupati menunjuk plt menjelang penetapan paslon karena posnya kosong, boleh?")
    assert told.verdict == "unclear" and told.reasons == ["exception_stated"]
    assert told.rule is not None and told.rule.id == "ganti-pejabat"  # the rule is shown, its verdict is not given
    denied = m.decide("bupati merotasi kepala dinas menjelang penetapan paslon, padahal tidak ada jabatan kosong. boleh?")
    assert denied.verdict == "prohibited"  # an exception denied is not stated


def test_rules_check_names_a_rule_that_states_its_own_exception_or_lacks_its_text(tmp_path: Path) -> None:
    bad = REPLACE.replace('"gubernur melantik pejabat baru menjelang penetapan calon"', '"gubernur menunjuk plt menjelang penetapan calon"')
    base = load_rules(_folder(tmp_path, ("elements.toml", EXCEPTION_ELEMENTS), ("ganti.toml", bad)))
    problems = element_problems(base)
    assert len(problems) == 1 and "states its own exception (pelaksana-tugas)" in problems[0].message
    other = tmp_path / "other"
    other.mkdir()
    no_text = REPLACE.replace('exceptions_id = "Mengisi jabatan kosong dengan pelaksana tugas bukan penggantian."\n', "").replace(
        'exceptions_en = "Filling a vacant post with an acting officer is not a replacement."\n', "")
    _, found = read_rules(_folder(other, ("elements.toml", EXCEPTION_ELEMENTS), ("ganti.toml", no_text)))
    assert [p.rule for p in found] == ["ganti-pejabat"] and "must say its exceptions" in found[0].message
    third = tmp_path / "third"
    third.mkdir()
    _, unknown = read_rules(_folder(third, ("elements.toml", EXCEPTION_ELEMENTS), ("ganti.toml", REPLACE.replace('"pelaksana-tugas"]', '"plt-x"]'))))
    assert "unknown element(s) plt-x" in unknown[0].message


def test_a_phrase_with_a_stop_word_is_read_word_for_word() -> None:
    """"tidak mau" is not "mau" and "which rules" is not "rules" (the stop word used to be
    dropped from the phrase, leaving a word that most questions have); a phrase of content
    words still skips the stop words between them ("ikut dalam kampanye" says "ikut kampanye")."""
    from kb.elements import ElementTerms

    terms = ElementTerms("x", (stem_seq("tidak mau"), stem_seq("which rules")))
    assert terms.present(stem_seq(normalise("saya tidak mau ikut")))
    assert not terms.present(stem_seq(normalise("saya mau ikut kampanye")))
    assert not terms.present(stem_seq(normalise("surely the neutrality rules don't apply to me?")))
    assert terms.present(stem_seq(normalise("which rules apply to my old case?")))
    assert ElementTerms("y", (stem_seq("ikut kampanye"),)).present(stem_seq(normalise("boleh ikut dalam kampanye?")))
    assert "say no" in without("can i say no", None)  # a refusal, not an absence


def test_campaign_costs_within_the_kpu_limit_are_the_money_politics_rule_s_exception() -> None:
    """Meals and transport for campaign participants within the value KPU sets are not money
    politics (elucidation of UU 10/2016 Pasal 73 ayat (1)): a question that says so gets the
    rule with its exception, not "prohibited"; "uang transport" alone, as vote buying is often
    told, states no exception."""
    base = load_rules(Path(__file__).resolve().parent.parent / "corpus" / "rules")
    terms, rule = compile_elements(base), base.by_id["politik-uang-pilkada-memberi"]

    def told(q: str) -> list[str]:
        return excepted(rule, spoken_of(stem_seq(affirmed(normalise(q))), terms))

    assert told("Kami sediakan makan siang dan ongkos transport peserta sesuai batas yang ditetapkan KPU") == ["batas-kewajaran"]
    assert told("We cover lunch and transport for participants within the limits set by KPU") == ["batas-kewajaran"]
    assert told("tim sukses kasih uang transport 50 ribu biar warga milih paslon 2") == []
    # the costs named as they are paid: a simple lunch, the fares of those who come to the meeting
    assert told("For a face-to-face meeting we plan to cover the boat fares and a simple lunch for residents") == ["batas-kewajaran"]
    assert told("Di pertemuan tatap muka kami tanggung ongkos perahu dan makan siang warga") == ["batas-kewajaran"]


def _stated_exceptions(rule_id: str) -> Callable[[str], list[str]]:
    """The exceptions of a rule of the real rule base that a question states, as written (`stated`)."""
    base = load_rules(Path(__file__).resolve().parent.parent / "corpus" / "rules")
    terms, rule = compile_elements(base), base.by_id[rule_id]
    return lambda q: excepted(rule, stated(normalise(q), terms))


def test_what_a_question_asks_the_act_amounts_to_is_no_fact_of_it() -> None:
    """"Does the Plt appointment count as a replacement of officials?": the replacement is what is asked
    about, so a permission that excludes replacing officials still answers; the act told stays."""
    for q, gone, kept in (("Apakah penunjukan Plt itu termasuk penggantian pejabat yang dilarang?", "penggantian", "plt"),
                          ("Does that count as money politics under the pilkada law? We give each attendee a boxed lunch", "politics", "lunch"),
                          # ... also without "apakah", when the sentence asks ("itu termasuk ... gak?")
                          ("Kadis kami pensiun, bupati tunjuk Plt. Itu termasuk penggantian pejabat yang dilarang gak?", "penggantian", "plt")):
        text = without(normalise(q), None)
        assert gone not in text.split() and kept in text.split(), text
    text = without(normalise("Bupati memindah tiga camat. Itu termasuk penggantian pejabat."), None)  # told, not asked
    assert "penggantian" in text.split(), text


def test_an_unregistered_non_party_official_is_the_officials_campaign_permission_s_exception() -> None:
    """A state official who is no party member may campaign only as a candidate or registered with
    KPU as a team member or organiser (UU 7/2017 Pasal 299 ayat (3)): one who is told not to be so
    registered is not given the permission; one who is registered, or not said to be otherwise, is."""
    told = _stated_exceptions("pejabat-kampanye-pemilu-dengan-cuti")
    assert told("our minister isn't in any party. he wants to speak at a rally, but he's not on the team list registered with KPU") == ["tidak-terdaftar-kpu"]
    assert told("Menteri kami bukan kader partai dan tidak terdaftar di KPU sebagai tim kampanye, mau orasi di kampanye capres") == ["tidak-terdaftar-kpu"]
    assert told("Bos saya terdaftar di KPU sebagai anggota tim kampanye salah satu paslon capres, mau orasi hari Minggu") == []


def test_work_that_cannot_be_left_is_stated_though_it_is_a_denial() -> None:
    """UU 10/2016 Pasal 182B spares a superior whose workers' work truly cannot be left. That
    exception is itself a denial ("tidak dapat ditinggalkan"), which `affirmed` strips: `stated`
    finds such a phrase in the text as written, so the ban answers with its exception shown.
    A boss who only keeps staff at work states no exception."""
    told = _stated_exceptions("atasan-tidak-beri-kesempatan-memilih")
    assert told("Direktur bilang pekerjaan ICU memang tidak bisa ditinggal pada hari pencoblosan") == ["pekerjaan-tak-dapat-ditinggal"]
    assert told("Our boss says the furnace cannot be left unattended on polling day") == ["pekerjaan-tak-dapat-ditinggal"]
    assert told("Camat menyuruh semua staf kerja bakti seharian di hari pencoblosan, jadi tidak bisa nyoblos") == []
    # the affirmed reading alone would miss it: the denial is the exception
    base = load_rules(Path(__file__).resolve().parent.parent / "corpus" / "rules")
    rule = base.by_id["atasan-tidak-beri-kesempatan-memilih"]
    assert excepted(rule, spoken_of(stem_seq(affirmed(normalise("pekerjaan ICU tidak bisa ditinggal"))), compile_elements(base))) == []


def test_an_element_that_is_itself_a_denial_is_spoken_of_as_written() -> None:
    """What a question says is absent ("never mention a candidate") leaves what it speaks of;
    an element whose words are a denial ("never reply": staying silent in a group) is found in
    the question as written, or a question could never speak of it."""
    from kb.elements import spoken_in, without

    base = load_rules(Path(__file__).resolve().parent.parent / "corpus" / "rules")
    terms = compile_elements(base)
    q = normalise("Relatives post a candidate's flyers in our family WhatsApp group. I never reply. Must I leave?")
    assert "diam-saja" not in spoken_of(stem_seq(without(q, None)), terms)
    assert {"diam-saja", "grup-umum", "media-daring"} <= spoken_in(q, None, terms)
    assert "diam-saja" not in spoken_in(normalise("I shared a candidate's flyer in our family group"), None, terms)
    # a neighbourhood group named by its app ("grup WA RT") is a group kept for something else, as "grup RT" is
    assert "grup-umum" in spoken_in(normalise("aku PNS, di grup WA RT ada yg share kampanye paslon. aku cuma baca"), None, terms)
    # a candidate's team named by its owner ("wants me on his team") is a campaign act, as "success team" is
    assert "kegiatan-kampanye" in spoken_in(normalise("my old boss is running for vice regent and wants me on his team"), None, terms)


def test_words_whose_stem_means_something_else_are_kept_whole() -> None:
    """"pencalonan", "dicalonkan" (running oneself) stem to "calon", which every question naming a
    candidate has; "pemilihan" stems to "pilih" (voting): such words are kept as written."""
    assert stem_seq(normalise("saya dicalonkan partai jadi cabup"))[:2] == ("saya", "dicalonkan")
    assert "calon" not in stem_seq(normalise("syarat pencalonan"))
    assert stem_seq(normalise("pemilihannya besok")) == ("pemilihan", "besok")
    assert "calon" in stem_seq(normalise("kampanye calon bupati"))


@lru_cache(maxsize=1)
def _real_terms() -> dict[str, ElementTerms]:
    """The elements of the real rule base, as the matcher reads them."""
    return compile_elements(load_rules(ROOT / "corpus" / "rules"))


def _neither_spoken_of_nor_stated(element: str, questions: tuple[str, ...], told: str) -> None:
    terms = _real_terms()
    for q in questions:
        assert element not in stated(normalise(q), terms), q
        assert element not in spoken_of(stem_seq(without(normalise(q), None)), terms), q
    assert element in stated(normalise(told), terms)


def test_those_compared_with_are_neither_spoken_of_nor_stated() -> None:
    """"harus netral seperti ASN" / "neutral like civil servants": no civil servant is in the story."""
    _neither_spoken_of_nor_stated("aparat-dilibatkan", ("Bupati itu harus netral seperti ASN, kan?", "A governor must stay neutral like civil servants.",
                                                        "Kok boleh? Bukannya bupati harus netral kayak PNS?",
                                                        "Ketua komite sekolah katanya harus netral seperti guru.",
                                                        # ... in a chat's "kyk"; and an aide who only worries about it is not in it either
                                                        "blh ga ikut kampanye capres? ato hrs netral kyk pns",
                                                        "Ajudan saya khawatir kepala daerah wajib netral."), "Bupati itu membawa ASN ke kampanye.")


def test_a_post_one_holds_is_no_post_online() -> None:
    """"an echelon II post", "his post as head of office": a job, not social media."""
    _neither_spoken_of_nor_stated("media-daring", ("I head the public works office, an echelon II post. Must I resign to run?",
                                                   "He kept his post as head of office while his wife campaigned."),
                                  "I posted the pair's flyer on my timeline.")


def test_joining_a_party_is_more_than_being_nominated_by_one() -> None:
    """The duty to resign before joining a party (PP 11/2017 Pasal 255) needs a word of joining or of membership: a
    party that nominates one speaks of running for office (Pasal 254)."""
    terms = _real_terms()
    for q in ("sy kabid mau maju bupati lwt partai. hrs resign dr pns ga?", "A party coalition wants him as their deputy regent candidate."):
        assert "partai" in spoken_in(normalise(q), None, terms) and "masuk-partai" not in spoken_in(normalise(q), None, terms), q
    for q in ("saya mau gabung partai, harus mundur dulu dari PNS?", "Can a civil servant join a party if he resigns first?",
              "aku ditawari jadi pengurus partai"):
        assert "masuk-partai" in spoken_in(normalise(q), None, terms), q


def test_what_is_no_longer_so_is_not_in_the_story() -> None:
    """"tidak lagi menerima tugas dari pemkab", "no longer": a retired official's old office is no facility he uses."""
    _neither_spoken_of_nor_stated("fasilitas", ("Ia sudah pensiun dan tidak lagi menerima tugas apa pun dari pemkab.", "Dia nggak lagi pakai mobil dinas."),
                                  "Ia memakai mobil pemkab untuk kampanye.")


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("my cousin is a DPR candidate and posted his daughter's birthday photos, nothing about the election. can I like it?", True),
        ("Om saya bakal calon wali kota. Kami foto keluarga saat lebaran, tanpa pose jari. Boleh saya unggah?", True),
        # a post with no ballot number or slogan shows no support
        ("Saya memotret peresmian puskesmas oleh bupati; beritanya dimuat di web pemkab tanpa nomor urut dan slogan. Boleh?", True),
        ("I liked and shared the candidate's campaign video on Facebook", False),
        # the asker's own claim that an act is no campaign is not what the post is
        ("cuma like doang postingan paslon no 2, kan bukan kampanye, bs kena sanksi ga?", False),
        ("if i just tap like on one candidate's IG posts thats not campaigning right?", False),
    ],
)
def test_content_that_is_no_campaign_is_the_social_media_ban_s_exception(question: str, told: bool) -> None:
    """The decree's list (SKB 2/2022, secondary sources) names support shown online: a like of
    a candidate's family photo or condolences is not named, so the ban's verdict is not given."""
    base = load_rules(ROOT / "corpus" / "rules")
    said = stated(normalise(question), _real_terms())
    assert bool(excepted(base.by_id["skb-like-share-bakal-calon"], said)) is told
    assert bool(excepted(base.by_id["pns-medsos-dukung-calon"], said)) is told


def test_one_s_own_vehicle_is_no_facility_of_the_state() -> None:
    """"naik mobil pribadi", "in his own car": no state facility is used; "mobil dinas" is one."""
    _neither_spoken_of_nor_stated("fasilitas", ("Menteri itu kampanye hari Minggu naik mobil pribadi.", "The regent drove to the rally in his own car."),
                                  "Menteri itu kampanye naik mobil dinas.")


def test_chat_words_for_staying_silent_are_understood() -> None:
    """"aku diem aja ga nanggepin": silent, as "saya diam saja tidak menanggapi"."""
    base = load_rules(ROOT / "corpus" / "rules")
    terms = compile_elements(base)
    said = spoken_in(normalise("di grup WA ortu ada yg share flyer paslon, aku diem aja ga nanggepin"), None, terms)
    assert {"diam-saja", "grup-umum"} <= said  # "ortu": parents, a group kept for something else, as "parents" is


def test_family_occasions_are_known_by_their_everyday_names() -> None:
    """"halal bihalal", "open house", "a family get-together": a private family occasion, as a wedding is."""
    terms = _real_terms()
    for q in ("Lebaran nanti keluarga besar halal bihalal di rumah nenek.", "Tetangga bikin open house pas Idulfitri.",
              "Besok ada acara keluarga di rumah bibi.", "Our family has a get-together at my grandmother's house after Eid."):
        assert "acara-sosial" in spoken_in(normalise(q), None, terms), q


def test_a_private_place_is_no_facility_of_the_state() -> None:
    """"di gedung serbaguna swasta", "in a private hall": no state facility is used; "gedung pemkab" is one."""
    _neither_spoken_of_nor_stated("fasilitas", ("Saya diminta jadi MC acara kampanye di gedung serbaguna swasta.",
                                                "The team held its rally in a rented hall downtown."),
                                  "Saya diminta jadi MC acara kampanye di gedung pemkab.")


def test_campaign_or_one_s_own_money_is_no_budget_of_the_state() -> None:
    """"dibiayai dana kampanye", "paid from campaign funds", "out of his own pocket": no state budget
    is used; "dibiayai APBD" is; and a donation to the campaign's funds is still a donation."""
    _neither_spoken_of_nor_stated("fasilitas", ("Kampanye dialogis wagub itu dibiayai dana kampanye paslon.",
                                                "The rally was paid from campaign funds.", "He bought the banners with his own money."),
                                  "Kampanye dialogis wagub itu dibiayai APBD.")
    base = load_rules(ROOT / "corpus" / "rules")
    assert "sumbangan" in spoken_in(normalise("PNS jadi penyandang dana kampanye calon gubernur"), None, compile_elements(base))


def test_a_guest_s_customary_gift_is_no_reward_to_a_voter() -> None:
    """"ngasih amplop kondangan", "a birthday present": what a guest brings the host is no money or goods given to
    voters; an envelope the candidate hands out at the wedding is."""
    _neither_spoken_of_nor_stated("imbalan", ("Saya diundang ke nikahan anak tetangga yang caleg, paling cuma salaman dan ngasih amplop kondangan.",
                                              "Can I bring him a batik shirt as a birthday present?"),
                                  "Di resepsi itu calon bupati membagikan amplop ke para tamu.")


def test_kpu_naming_the_candidates_is_no_task_kpu_gives() -> None:
    """"KPU designated me as a moderator" is a task for the organisers; "after KPU designated him as a
    candidate for regent" is the candidacy, no task given to the asker."""
    base = load_rules(ROOT / "corpus" / "rules")
    terms = compile_elements(base)
    assert "tugas-penyelenggara" in spoken_in(normalise("KPU designated me as a moderator of the debate. Can I accept?"), None, terms)
    for q in ("A former colleague left the civil service after KPU designated him as a candidate for regent. Can I join his team?",
              "He was designated by KPU as a candidate pair with a businessman. May I help?"):
        assert "tugas-penyelenggara" not in spoken_in(normalise(q), None, terms), q


def test_the_ban_on_campaigning_with_state_facilities_needs_a_facility() -> None:
    """UU 1/2015 Pasal 69 huruf h is about government facilities and budget: a campaign in a private hall is not its case."""
    base = load_rules(ROOT / "corpus" / "rules")
    terms = compile_elements(base)
    ban = base.by_id["kampanye-pilkada-fasilitas-anggaran-pemerintah"]
    assert missing(ban, spoken_in(normalise("Tim calon bupati minta saya jadi MC kampanye di gedung serbaguna swasta."), None, terms)) == ["fasilitas"]
    assert missing(ban, spoken_in(normalise("Tim calon bupati memakai gedung pemkab untuk kampanye."), None, terms)) == []


def test_official_work_is_the_same_for_every_pair_only_when_the_question_says_so() -> None:
    """The permission for ordinary official work needs both the work and its being the same for every
    candidate (PP 94/2021 Pasal 5 huruf n angka 5 forbids acts that favour or harm one pair)."""
    base = load_rules(ROOT / "corpus" / "rules")
    terms = compile_elements(base)
    duty = base.by_id["asn-tugas-rutin-sama-bagi-semua-calon"]

    def gaps(text: str) -> list[str]:
        return missing(duty, spoken_in(normalise(text), None, terms))

    assert gaps("sesuai surat perintah kami memproses izin keramaian semua paslon dengan prosedur yang sama") == []
    assert gaps("our routine duty covers all three pairs, no matter whose event it is") == []
    assert gaps("sesuai surat perintah kasatpol, kami hanya mencopot baliho paslon 02") == ["sama-bagi-semua"]
    assert gaps("my boss ordered us to take down pair 2's banners only") == ["tugas-rutin", "sama-bagi-semua"]


def test_a_former_civil_servant_is_no_civil_servant_in_the_story() -> None:
    """"mantan PNS yang sudah pensiun", "a retired civil servant": no civil servant is brought in."""
    _neither_spoken_of_nor_stated("aparat-dilibatkan", ("Mantan PNS yang sudah pensiun mau masuk tim pemenangan caleg.",
                                                        "A retired civil servant joined our campaign team.",
                                                        "Ayah saya pensiunan polisi, diminta jadi koordinator tim kampanye caleg.",
                                                        # a ward or a sub-district is a place, not its head
                                                        "Ia diminta jadi koordinator tim kampanye di tiga kelurahan dan dua kecamatan."),
                                  "Tim pemenangan caleg mengajak PNS aktif masuk tim.")


def test_a_pppk_contract_told_as_ended_brings_no_pppk_in() -> None:
    """"my PPPK contract ended and was not renewed", "kontrak PPPK saya sudah habis": the asker no longer
    serves (UU 20/2023 Pasal 52 ayat (3)); a contract that ends later, or a team asking PPPK in, still does."""
    _neither_spoken_of_nor_stated("aparat-dilibatkan", ("My PPPK contract at the district office ended in March and was not renewed. A campaign team asked me to join.",
                                                        "Kontrak PPPK saya sudah habis bulan lalu, sekarang diajak jadi relawan tim kampanye caleg."),
                                  "My PPPK contract ends next year and a campaign team asked me to join.")


def test_a_servant_denied_or_a_relative_s_service_brings_no_servant_in() -> None:
    """"I'm a farmer, not a civil servant", "my wife is a PNS midwife": no civil servant is brought into the campaign."""
    _neither_spoken_of_nor_stated("aparat-dilibatkan", ("I chair a farmer group; I'm a farmer myself, not a civil servant. May I host a candidate?",
                                                        "I own a print shop and my wife is a PNS midwife. Can I host the candidate's meeting?",
                                                        "Suami saya PNS, saya boleh jadi relawan caleg?",
                                                        # ... with the work the status names ("a PNS teacher", "guru PNS")
                                                        "my husband is a PNS teacher but im just a housewife. can i join the campaign team?",
                                                        "Suami saya guru PNS, saya boleh jadi relawan caleg?"),
                                  "Tim caleg mengajak guru PNS jadi relawan.")


def test_a_relative_s_military_or_police_service_brings_no_soldier_in() -> None:
    """"my husband is an active TNI soldier", "suami saya polisi": the relative stays, his service is not
    a soldier or police officer brought into a campaign; a team that asks soldiers to speak still is."""
    _neither_spoken_of_nor_stated("aparat-dilibatkan", ("my husband is an active TNI soldier. can i (housewife) join a party n run for DPRD?",
                                                        "Suami saya polisi, saya boleh jadi relawan paslon?",
                                                        "Anak saya yang masih polisi aktif khawatir. Saya pensiunan, boleh jadi relawan paslon?"),
                                  "Tim caleg mengajak tentara jadi jurkam.")


def test_a_number_in_an_address_is_no_ballot_number() -> None:
    """"warga RT 05", "blok 3": no side is named; "pilih 02" names one."""
    _neither_spoken_of_nor_stated("pihak", ("Saya admin grup WA warga RT 05, mau share jadwal coblosan.", "I live in block 3, RW 02; may I share the voting date?"),
                                  "Saya admin grup WA warga, mau ajak pilih 02.")


def test_an_exception_only_asked_about_is_not_stated() -> None:
    """"apa perlu izin Mendagri?", "asked whether the Minister's approval had been sought": the
    approval that excepts a transfer from the ban (UU 10/2016 Pasal 71 ayat (2)) is not told."""
    terms = _real_terms()
    for q in ("Waktu saya tanya apa perlu persetujuan Mendagri, ajudannya bilang tidak usah. Mutasi itu boleh jalan?",
              "The personnel head asked whether the Minister's written approval had been sought. Can the regent go ahead?",
              "As far as I know, nobody has asked the Minister of Home Affairs for written approval."):
        assert "persetujuan-menteri" not in stated(normalise(q), terms), q
    assert "persetujuan-menteri" in stated(normalise("Mutasi itu sudah mendapat persetujuan tertulis Mendagri."), terms)
    assert "persetujuan-menteri" in stated(normalise("regent got a signed ok letter from the home affairs minister to reshuffle 3 officials"), terms)


def test_an_approval_asked_for_as_a_need_or_asked_about_is_not_stated() -> None:
    """"harus izin Mendagri gak?", "does he need the minister's approval?" ask whether the approval
    that excepts a transfer from the ban (UU 10/2016 Pasal 71 ayat (2)) is needed; "I asked about the
    approval" tells none either (the permission it leads to would answer "allowed"). An approval
    received is still told, also after asking the Minister for it."""
    terms = _real_terms()
    for q in ("Bupati mau mutasi kepala dinas 2 bulan sebelum penetapan paslon, harus izin Mendagri gak?",
              "Itu termasuk penggantian pejabat yg perlu persetujuan tertulis Menteri?",
              "Does a regent who wants to replace agency heads before the pairs are set need the minister's written approval?",
              # ... asked about, or denied by a second denial between commas
              "Waktu saya tanya soal surat persetujuan dari Mendagri, katanya mutasi itu hak prerogatif bupati.",
              "He has not sought, and does not intend to seek, written approval from the Minister of Home Affairs."):
        assert "persetujuan-menteri" not in stated(normalise(q), terms), q
    for q in ("Bupati itu sudah dapat izin tertulis Mendagri, harus lapor siapa lagi?",
              "We asked the Minister of Home Affairs and got a written approval letter last week."):
        assert "persetujuan-menteri" in stated(normalise(q), terms), q


def test_a_side_not_named_posed_for_or_invited_is_no_side() -> None:
    """"ga nyebut paslon, ga pose nomor", "gak ngundang caleg/paslon manapun", "did not invite any
    candidate": no candidate, pair or number is in the act (PP 94/2021 Pasal 5 huruf n bans support
    for one); a pair invited is still one."""
    terms = _real_terms()
    for q in ("upload foto jari ke IG story, ga nyebut paslon, ga pose nomor",
              "doa bersama lintas agama untuk pemilu damai, gak ngundang caleg/paslon manapun",
              "our office held a prayer for a peaceful vote and did not invite any candidate"):
        assert "pihak" not in spoken_in(normalise(q), None, terms), q
    assert "pihak" in spoken_in(normalise("doa bersama di kantor, kami ngundang paslon nomor 2"), None, terms)


def test_what_the_asker_fears_an_act_may_be_called_is_not_the_act() -> None:
    """"scared it counts as campaigning", "takut dianggap kampanye": the campaign is the fear's name for
    the act, not an act told; the act after it ("kalau datang ke rapat umum") still is one."""
    _neither_spoken_of_nor_stated("kegiatan-kampanye", ("I share KPU's voting-day poster on my story and I'm scared it counts as campaigning.",
                                                        "Saya bagikan poster KPU, tapi takut dianggap kampanye."),
                                  "Saya ikut kampanye paslon di lapangan.")
    assert "kegiatan-kampanye" in spoken_in(normalise("Saya takut dianggap memihak kalau ikut rapat umum paslon."), None, _real_terms())


def test_what_someone_claims_an_act_amounts_to_is_not_the_act() -> None:
    """"Teman saya bilang itu sudah termasuk kampanye terselubung", "he says this counts as campaigning":
    the claim is what is asked about; the campaign is not told. One told as done still is."""
    _neither_spoken_of_nor_stated("kegiatan-kampanye", ("Kadis mengingatkan semua pegawai jangan golput. Teman saya bilang itu sudah termasuk kampanye terselubung.",
                                                        "Our head reminded staff to vote. A colleague says this counts as campaigning."),
                                  "Teman saya bilang kadis ikut kampanye paslon.")


def test_the_day_of_the_vote_is_no_vote_of_ones_own() -> None:
    """"bsk nyoblos pilkada. sy boleh ikut masuk bilik nemenin bapak?": tomorrow is voting day; what is asked is
    going into the booth with one's father, not casting one's own vote."""
    from kb.actors import analyse

    f = analyse("bsk nyoblos pilkada. sy boleh ikut masuk bilik nemenin bapak?")
    assert "memberi-suara" not in spoken_in(f.normalised, f.stage_words, _real_terms())
    assert "memberi-suara" in spoken_in(normalise("saya boleh nyoblos di TPS dekat rumah?"), None, _real_terms())


def test_an_official_uniform_is_an_attribute() -> None:
    """"pakai baju dinas", "pakaian dinas": the civil service's own attribute (PP 94/2021 Pasal 5 huruf n angka 2)."""
    terms = _real_terms()
    for q in ("katanya wajib pake baju dinas ke kampanye", "datang ke kampanye dengan pakaian dinas harian"):
        assert "atribut" in spoken_of(stem_seq(normalise(q)), terms), q
    # ordinary clothes are none, nor is describing ("menggambarkan") a picture ("bergambar")
    for q in ("datang ke kampanye pakai baju biasa", "saya datang pakai kaus biasa, berdiri di belakang",
              "penjelasan pasalnya menggambarkan PNS yang hadir sekadar mendengar"):
        assert "atribut" not in stated(normalise(q), terms), q
    assert "atribut" in stated(normalise("saya pakai kaus bergambar paslon"), terms)


def test_plain_words_for_a_call_to_vote_and_for_work_that_keeps_one_from_the_polls() -> None:
    """Indonesia inks the little finger ("inked pinky", "kelingking bertinta"); a compulsory
    trip on polling day keeps workers from the polls as a shift does (UU 10/2016 Pasal 182B)."""
    terms = _real_terms()
    for q in ("voting day. can i post my inked pinky saying dont skip voting?", "upload kelingking bertinta, sampai jumpa di TPS",
              "upload foto jari yg ada tintanya ke story"):
        assert "ajakan-memilih" in spoken_of(stem_seq(normalise(q)), terms), q
    for q in ("the principal made the study tour on election day compulsory", "kepsek bilang semua guru wajib ikut karyawisata pas hari pencoblosan",
              "he ordered a clean-up on voting day and said nobody may leave", "kata kepala dinas pas hari pencoblosan tidak boleh pulang sebelum jam 3"):
        assert "waktu-kerja" in spoken_of(stem_seq(normalise(q)), terms), q


def test_a_health_check_is_the_organisers_task_only_when_it_examines_the_candidates() -> None:
    """KPU's examination of the candidates' health is a task for the organisers; a free health
    check at a campaign volunteers' charity day is not."""
    terms = _real_terms()
    said = spoken_of(stem_seq(normalise("Tim dokter RSUD ditunjuk untuk memeriksa kesehatan para bakal calon gubernur")), terms)
    assert "tugas-penyelenggara" in said
    said = spoken_of(stem_seq(normalise("Preseptor mengajak saya ikut bakti sosial cek kesehatan gratis yang digelar relawan paslon")), terms)
    assert "tugas-penyelenggara" not in said


def test_an_official_opening_is_an_official_event() -> None:
    """"meresmikan puskesmas", "the official opening of a school": the government's own event
    (attended on assignment: PP 94/2021 Pasal 3 huruf e), not a rally."""
    terms = _real_terms()
    for q in ("Besok bupati meresmikan puskesmas sesuai agenda dinas, saya ditugasi memotret.",
              "I was assigned to photograph the regent at the official opening of a school."):
        assert "acara-resmi" in spoken_of(stem_seq(normalise(q)), terms), q
    assert "acara-resmi" not in spoken_of(stem_seq(normalise("Saya memotret kampanye akbar bupati di lapangan.")), terms)


def test_routine_aid_and_services_given_alike_are_ordinary_work_the_same_for_all() -> None:
    """Aid paid monthly to the same recipient list, a certificate made as for any resident: the
    ordinary work of the post, done the same for every candidate (what the permission for
    routine work needs); a payment sped up for one pair's villages names neither."""
    terms = _real_terms()
    for q in ("Bantuan beras bulanan tetap disalurkan setiap bulan dengan daftar penerima yang sama.",
              "The village keeps paying the monthly aid from the database, to the same recipient list.",
              "Stafnya minta surat keterangan domisili, prosedurnya sama seperti warga lain.",
              # a schedule fixed before any pair was known favours none of them
              "Penyaluran bantuan pangan bulanan sesuai jadwal yang sudah dijadwalkan sejak Januari.",
              "The seed handover runs as scheduled, planned long before the candidates were known."):
        said = spoken_of(stem_seq(normalise(q)), terms)
        assert {"tugas-rutin", "sama-bagi-semua"} <= said, (q, said)
    # an assignment in writing, service on the same requirements: the work of the post
    for q in ("My head of office assigned me in writing to post the debate schedule.",
              "Saya layani mereka sesuai antrean dan syarat yang sama dengan warga lain."):
        assert "tugas-rutin" in spoken_of(stem_seq(normalise(q)), terms), q
    # the election body's own material, every pair shown alike: no campaign content
    assert "bukan-kampanye" in spoken_of(stem_seq(normalise("a notice using KPU's own material, all three pairs equally")), terms)
    # ... and a photo told without the hand sign of a side ("no hand signs", "tanpa salam jari")
    for q in ("We took a group photo with him. No hand signs, no campaign shirts.", "Foto bareng beliau, tanpa salam jari."):
        assert "bukan-kampanye" in spoken_of(stem_seq(normalise(q)), terms), q
    said = spoken_of(stem_seq(normalise("Saya mempercepat pencairan bantuan ke desa pendukung paslon 1.")), terms)
    assert not {"tugas-rutin", "sama-bagi-semua"} & said


def test_polling_day_elements_name_their_acts() -> None:
    """The PPK's and PPS's secretary is a post in the organisers' secretariat (UU 10/2016 Pasal 16); going
    into the booth with a voter is the act of Pasal 178G, an aide going with an official is not; a blind
    voter is that article's exception; a second vote or another's name is Pasal 178A/178B."""
    terms = _real_terms()
    for q in ("saya ditunjuk jadi sekretaris PPK pilkada", "the regent made me secretary of the PPK",
              "the regent picked me as secretary of the sub-district election committee"):
        assert "tugas-penyelenggara" in spoken_of(stem_seq(normalise(q)), terms), q
    assert "pendampingan-pemilih" in spoken_of(stem_seq(normalise("boleh saya ikut masuk bilik suara bareng ibu?")), terms)
    assert "pendampingan-pemilih" not in spoken_of(stem_seq(normalise("saya ajudan, mendampingi bupati ke acara kampanye")), terms)
    assert "halangan-fisik" in spoken_of(stem_seq(normalise("my father is blind and needs help at the polling station")), terms)
    assert "halangan-fisik" not in spoken_of(stem_seq(normalise("ibu masih bisa melihat dengan jelas")), terms)
    assert "suara-ganda" in spoken_of(stem_seq(normalise("can I vote twice if I'm on two lists?")), terms)
    # skipping the polling station is a vote not cast: the act of voting is what is asked
    assert "memberi-suara" in spoken_of(stem_seq(normalise("does neutrality mean I must skip the polling station?")), terms)
    for q in ("my uncle is abroad and says I can vote in his name with his invitation", "boleh saya nyoblos atas namanya? dia setuju kok"):
        assert "suara-ganda" in spoken_of(stem_seq(normalise(q)), terms), q
    # standing in for a colleague on a shift is no vote in another's name
    assert "suara-ganda" not in spoken_of(stem_seq(normalise("tidak ada yang bisa menggantikan saya jaga IGD pas hari pencoblosan")), terms)


def test_a_prospective_candidate_one_stands_beside_is_not_running_oneself() -> None:
    """"bakal calon" names whoever is about to run: a photo with one, or support for one, is not
    the asker's own candidacy; being one ("saya sudah jadi bakal calon") is."""
    _neither_spoken_of_nor_stated("pencalonan", ("kades boleh ga upload foto bareng bakal calon bupati di fb?",
                                                 "Saya hadir di deklarasi bakal calon wali kota."),
                                  "saya sudah jadi bakal calon wakil bupati, harus mundur dari PNS?")


def test_going_to_one_s_own_polling_station_is_voting() -> None:
    """"asked to go to their polling stations" on voting day: the day sets the stage, going to the
    station is the vote (what a superior must make time for)."""
    from kb.actors import analyse

    f = analyse("Voting day is a working day for us. Several nurses asked to go to their polling stations. Must I let them go?")
    assert "memberi-suara" in spoken_in(f.normalised, f.stage_words, _real_terms())


def test_a_heavy_punishment_is_no_objection() -> None:
    """"keberatan" (an objection) stems to "berat" (heavy): asking whether a punishment is heavy, or
    being a keen supporter ("pendukung berat"), contests nothing; filing an objection does."""
    _neither_spoken_of_nor_stated("keberatan", ("temen PNS dtg ke kampanye pake seragam dinas, bakal kena hukdis apa? berat ga?",
                                                "Suami saya pendukung berat salah satu paslon."),
                                  "Saya mengajukan keberatan atas hukuman disiplin itu.")


def test_a_false_report_is_told_by_its_own_words_not_by_a_doctor_or_an_edited_video() -> None:
    """The false testimony and untrue statements of PP 42/2004 Pasal 8 huruf h: "padahal nggak",
    "fabricated", "foto editan"; a doctor, coral, or a video editor's trade are none."""
    terms = _real_terms()
    for q in ("mau laporin temen ikut kampanye padahal nggak", "a fabricated report about my colleague", "buktinya foto editan"):
        assert "laporan-palsu" in spoken_of(stem_seq(normalise(q)), terms), q
    for q in ("a PNS doctor at the hospital", "my son freelances in video editing", "saya mengarang buku pelajaran",
              "saya takut difitnah balik", "I can't make up my mind whom to vote for"):
        assert "laporan-palsu" not in spoken_of(stem_seq(normalise(q)), terms), q


def test_altering_the_count_is_told_by_what_is_done_to_the_result() -> None:
    """Pasal 178E's act: adding, moving or cutting votes, marking unused ballots; a result that
    is only read out or copied for the witnesses is none."""
    terms = _real_terms()
    for q in ("ketua KPPS menggelembungkan suara paslon 1", "they want us to move votes from pair 2", "sisa surat suara dicoblos petugas"):
        assert "ubah-hasil" in spoken_of(stem_seq(normalise(q)), terms), q
    for q in ("KPPS membacakan hasil penghitungan di depan saksi", "the witness asked for a copy of the count",
              "boleh saya foto formulir hasil di TPS?", "the tally sheet was posted at the polling station"):
        assert "ubah-hasil" not in spoken_of(stem_seq(normalise(q)), terms), q


def test_a_task_the_election_supervisor_asks_for_is_official_work() -> None:
    """Work done at Bawaslu's request (taking down every pair's banners) is an official task, not
    an act for a candidate; Bawaslu named as the one reported to, or as the sender of a finding,
    is none (a finding of vote buying is no routine work)."""
    terms = _real_terms()
    for q in ("at Bawaslu's request our unit removed every pair's banners", "atas permintaan Bawaslu kami menurunkan baliho semua paslon"):
        assert "tugas-rutin" in spoken_of(stem_seq(normalise(q)), terms), q
    for q in ("can I report my boss to Bawaslu?", "Bawaslu sent a letter saying our village head handed out money"):
        assert "tugas-rutin" not in spoken_of(stem_seq(normalise(q)), terms), q



def test_everyday_words_for_routine_work_election_tasks_and_a_missed_vote() -> None:
    """"kegiatan rutin" is routine work as "program rutin" is; examining candidates or being named
    by a regional KPU is a task for the organisers; "we'd miss voting" is being kept from the polls."""
    terms = _real_terms()
    for q, element in (("Apakah kegiatan rutin posyandu harus dihentikan selama kampanye?", "tugas-rutin"),
                       ("Our hospital doctors are examining candidates for the regent election.", "tugas-penyelenggara"),
                       ("Our hospital was appointed by the regional KPU for the candidates' check-ups.", "tugas-penyelenggara"),
                       ("The headmaster wants us cleaning all day on election day, so we'd miss voting.", "waktu-kerja")):
        assert element in spoken_in(normalise(q), None, terms), q


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("KPU sudah menetapkan paslon terpilih. Bupati lama mau meluncurkan program bantuan modal, masih dilarang?", True),
        ("The KPU declared the winner last week; may the outgoing mayor launch a new housing programme?", True),
        # still to come: the ban runs until the winner is set
        ("Sebelum pemenang ditetapkan KPU, bupati petahana membagikan bansos bergambar wajahnya. Boleh?", False),
        ("Our regent, running again, launched a programme with his face on it three months before the pairs are set.", False),
    ],
)
def test_a_winner_already_set_is_the_programme_ban_s_exception(question: str, told: bool) -> None:
    """UU 10/2016 Pasal 71 ayat (3) bars a regional head's programmes for a pair from six months
    before the pairs are set "until the elected pair is set": a question that tells the winner has
    been set gets the ban's exception shown, not its verdict."""
    assert _states_exception("kepala-daerah-program-untungkan-paslon", question) is told


def test_a_government_building_s_hall_is_government_property() -> None:
    """The hall of a sub-district office or a regency's pendopo lent for a campaign meeting is a
    government facility no campaign may use (UU 1/2015 Pasal 69 huruf h); one's office told as a
    workplace is none."""
    terms = _real_terms()
    for q in ("dia pakai aula kantor camat buat rapat tim pemenangan", "rapat relawan di pendopo kabupaten",
              "they held the team meeting in a government building"):
        assert "milik-pemerintah" in spoken_of(stem_seq(normalise(q)), terms), q
    for q in ("saya staf kantor camat, boleh ikut kampanye?", "I work at the regency office; may I campaign on Sunday?"):
        assert "milik-pemerintah" not in spoken_of(stem_seq(normalise(q)), terms), q


def test_a_denial_denied_states_no_exception() -> None:
    """"Tidak ada kegiatan yang tidak bisa ditinggal": the work could be left, so the exception of UU 10/2016
    Pasal 182B (work that cannot be left) is not stated; said plainly, it is."""
    terms = _real_terms()
    for q in ("Kepala kantor menahan kami di kantor seharian pas pencoblosan, padahal tidak ada kegiatan yang tidak bisa ditinggal.",
              "The manager kept the whole shift in on voting day, though there was nothing that could not be left until the afternoon."):
        assert "pekerjaan-tak-dapat-ditinggal" not in stated(normalise(q), terms), q
    assert "pekerjaan-tak-dapat-ditinggal" in stated(normalise("Kepala ruangan bilang IGD tidak bisa ditinggal pas pencoblosan."), terms)
    assert "pekerjaan-tak-dapat-ditinggal" in stated(normalise("The boilers could not be left, so the shift stayed in."), terms)



def test_a_community_post_a_count_and_a_resignation_letter_are_read_as_what_they_are() -> None:
    """"pengurus RT" and "kader posyandu" hold no party office; "2rb kaos" counts T-shirts, no money ("50rb" is
    money); a resignation letter already made tells a resignation already made."""
    terms = _real_terms()

    def said(q: str) -> frozenset[str]:
        return spoken_in(normalise(q), None, terms)

    for q in ("sy PNS, jg pengurus RT, boleh jd KPPS?", "saya PNS dan kader posyandu, boleh bantu data pemilih?",
              # ... nor an association's or any organisation's officers
              "aku PNS, baru jd pengurus ikatan alumni kampus, boleh?", "katanya ASN ga boleh jd pengurus organisasi apapun"):
        assert not {"partai", "masuk-partai"} & said(q), q
    assert {"partai", "masuk-partai"} <= said("saya PNS jadi pengurus partai, boleh?")
    assert "imbalan" not in said("istri dapat orderan 2rb kaos paslon gubernur")
    assert "imbalan" in said("timses kasih amplop 50rb ke warga")
    assert "sudah-mundur" in said("kalo udh bikin surat pengunduran diri PNS trs kalah, bisa ditarik?")
