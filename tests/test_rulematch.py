"""Question analysis (kb.actors), rule matching (kb.rulematch) and the card (kb.card), on
the fixture rule base: the actor decides where the rules say so, leave never makes
campaigning lawful for a PNS, one act asked five ways gets one verdict, nonsense gets "no
clear rule", "depends" lists its alternatives. Fast tests use the hash stand-in embedder
(the lexical side carries them); the slow ones the real model."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.actors import analyse, detect_actor, detect_election, detect_language, detect_months, detect_stage, normalise, relative_runs, without_relatives_party
from kb.build import build_index
from kb.card import build_card
from kb.config import Settings
from kb.provisions import IndexSnapshot, Provisions
from kb.rulematch import Candidate, Decision, RuleMatcher, Thresholds, applies, specificity
from kb.rules import RuleBase, RuleError, load_rules
from tests.helpers import HASH_T, LEAVE_PNS, OFFICIAL_CAR, HashEmbedder

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "tests" / "data"

NONSENSE = ["Apa resep rendang yang enak?", "How do I renew my passport?", "asdf qwer zxcv", "cuaca besok cerah tidak"]


def _outcome(d: Decision) -> tuple[str, str | None]:
    """A decision's verdict and the id of its rule (None when no rule answers)."""
    return d.verdict, d.rule.id if d.rule else None


@pytest.fixture(scope="module")
def base():
    return load_rules(RULES)


@pytest.fixture(scope="module")
def matcher(base) -> RuleMatcher:  # noqa: ANN001
    return RuleMatcher(base, HashEmbedder(), None, HASH_T)


# ---------------------------------------------------------------------------- question analysis


def test_chat_spelling_is_written_out() -> None:
    assert normalise("aku blm PNS, gak boleh nge-like postingan paslon?") == "saya belum pns , tidak boleh like postingan pasangan calon ?"
    assert normalise("td suami nyabup") == "tadi suami mencalonkan diri sebagai calon bupati"
    assert normalise("bos ga ksh waktu nyoblos") == "atasan tidak memberi waktu mencoblos"
    assert normalise("I'm a village head, can't I?") == "i am a village head , cannot i ?"
    assert "kepala desa" in normalise("kades") and "tim sukses" in normalise("jadi timses")
    assert normalise("SK hukdis ku, sy ngelanggar?") == "sk hukuman disiplin ku , saya melanggar ?"
    # a chat word keeps its clitic ("paslonnya"); words that only colour the tone still go
    assert normalise("foto paslonnya dong, bosku") == "foto pasangan calonnya , atasanku"
    assert normalise("punya hanya temu") == "punya hanya temu"  # real words that merely end like a clitic
    # an English possessive on a chat word: "the paslon's videos"
    assert normalise("the paslon's videos") == "the pasangan calon's videos"
    # "bkn" is "bukan" in a chat, but BKN, the civil-service agency, after "to"
    assert normalise("aku bkn PNS, lapornya ke bkn bisa?") == "saya bukan pns , lapornya ke bkn bisa ?"
    # "gapake" is "tidak pakai": what it names is absent
    assert normalise("dtg kampanye gapake atribut") == "datang kampanye tidak pakai atribut"
    assert normalise("hubby is a police officer") == "husband is a police officer"
    # a quoted sentence's first word is a chat word all the same; "gada" is "tidak ada"
    assert normalise("status WA 'jgn lupa coblos 01' ya") == "status whatsapp 'jangan lupa coblos 01'"
    assert normalise("gada izin dr mendagri, 3 bln lg") == "tidak ada izin dari mendagri , 3 bulan lagi"


@pytest.mark.parametrize(
    ("question", "actor", "explicit"),
    [
        ("Saya PNS, bolehkah ikut kampanye calon bupati?", "PNS", True),
        # a relative in the forces; a head who is told of, then asked about; the agent of a passive
        ("my brother is in the army (TNI). can he vote in the presidential election?", "TNI-Polri", True),
        ("The new regent was sworn in last week and wants to move all agency heads. Can he do that?", "kepala-daerah", True),
        ("SK mutasi saya ditandatangani bupati seminggu lalu. Ini boleh? Apa akibatnya buat bupati?", "kepala-daerah", True),
        ("Mobil dinas bupati dipinjam kampanye, saya boleh ikut naik?", "PNS", False),
        ("Bolehkah kepala desa ikut kampanye?", "kepala-desa", True),
        ("Can a village head join a campaign rally?", "kepala-desa", True),
        ("Aku kades, boleh gak dateng ke kampanye paslon?", "kepala-desa", True),
        ("Kalau sekdes ikut kampanye, kena sanksi apa?", "perangkat-desa", True),
        ("Saya lurah, boleh pasang baliho calon walikota di kantor?", "pejabat-asn", True),
        ("Is it allowed for a camat to attend a declaration?", "pejabat-asn", True),
        ("I am a regent on leave, can I campaign?", "kepala-daerah", True),
        # the office with a word on its tenure between: "I'm the sitting mayor", "I am the current regent"
        ("I'm the sitting mayor and I'm running for a second term. What must I do before my campaign livestreams?", "kepala-daerah", True),
        ("I am the current regent; may I campaign for my party's governor pair?", "kepala-daerah", True),
        ("Bolehkah petahana mengganti pejabat?", "kepala-daerah", True),
        ("Can the minister campaign for his party?", "pejabat-negara", True),
        ("Can police officers attend a campaign?", "TNI-Polri", True),
        # a candidate or who leads their team is bound by the campaign rules for candidates and teams
        ("Saya ketua tim kampanye caleg DPRD, boleh undang guru PNS ke acara kampanye?", "calon", True),
        ("I'm the campaign manager of a DPR candidate; may I ask teachers to speak?", "calon", True),
        ("I'm the village secretary. Can I help a candidate's team?", "perangkat-desa", True),
        ("I work as a village official; may I put up a candidate's banner?", "perangkat-desa", True),
        ("What happens to a village head who campaigns for a legislative candidate?", "kepala-desa", True),
        ("Is my village chief allowed to endorse a candidate?", "kepala-desa", True),
        ("As the incumbent mayor, can I reshuffle officials before the election?", "kepala-daerah", True),
        ("What is the penalty for a regent who uses a government car to campaign?", "kepala-daerah", True),
        ("My village head asked me to join the rally. What should I do?", "PNS", False),
        # one who gathers or orders others, not the asker, is the one a story asks about ("gimana hukumnya?", "is he
        # allowed to?"); ordered to the asker, the act asked about stays the asker's
        ("Pak kades kami ngumpulin para ketua RW dan minta mereka mengarahkan warga ke paslon 2. Gimana hukumnya?", "kepala-desa", True),
        ("Our village head told the hamlet heads to hang pair 1's flags at every gate. Is he allowed to?", "kepala-desa", True),
        ("Kades kami nyuruh saya pasang spanduk paslon di kantor desa. Boleh gitu?", "PNS", False),
        ("Saya anggota KPPS, bolehkah memakai baju partai?", "penyelenggara", True),
        ("I'm a PPPK teacher (contract, not PNS), can I post support for a candidate?", "PPPK", True),
        ("saya guru honorer, boleh ikut kampanye?", "honorer", True),  # honorary staff are no ASN
        ("Bapak saya pensiunan PNS, boleh jadi tim sukses caleg?", "warga", True),  # a retired PNS is no longer ASN
        ("I'm a former village head; may I join a campaign team?", "warga", True),
        ("As village head, can I lend the village hall to one candidate pair only?", "kepala-desa", True),
        ("One of my staff campaigned. I'm his direct superior; what must I do?", "pejabat-asn", True),
        ("Atasan saya menyuruh saya ikut kampanye, bagaimana?", "PNS", False),  # the superior gives the order: not the asker
        ("Can the president campaign for a candidate?", "pejabat-negara", True),
        ("aku masih CPNS, blm diangkat jd PNS. boleh jadi admin IG paslon?", "CPNS", True),
        ("As a civil servant, may I like a candidate's post?", "PNS", True),
        ("Apa sanksi bagi ASN yang menjadi tim sukses?", "ASN", True),
        ("My wife (not a civil servant) wants to join the campaign team. Is that ok?", "warga", True),
        ("Istri saya bukan PNS, boleh jadi timses?", "warga", True),
        ("saya bukan PNS, boleh ikut kampanye?", "warga", True),
        ("saya karyawan swasta, boleh jadi relawan paslon?", "warga", True),
        # one's name said as such ("Nama saya Wulan, perawat PPPK") or the status put after one's post is the asker's
        ("Nama saya Wulan, perawat PPPK di RSUD. Suami saya petani. Boleh saya jadi pengurus ranting partai?", "PPPK", True),
        ("I have been head of a division at the planning agency for six years, a PNS. My mother runs a small batik shop. "
         "Must I resign to run for deputy regent?", "PNS", True),
        # ... not in another's sentence: the neighbour told of is the one asked about, a PNS (no "I am")
        ("I met my neighbour, a PNS at the district office. Can he campaign?", "PNS", True),
        # "civil-servant" hyphenated is a civil servant, and a retired one is a citizen
        ("I'm a civil-servant teacher. May I join a campaign team?", "PNS", True),
        ("A retired civil-servant teacher wants to become a party member; does he need anyone's permission?", "warga", True),
        # a stay-at-home mother is a private citizen, whatever her husband is
        ("My husband is an army sergeant and I'm a stay-at-home mom. May I join a DPRD candidate's campaign team?", "warga", True),
        # a rank told with the name is a soldier's or a police officer's
        ("Saya Bripda Anton di Polda Jawa Barat. Boleh saya ikut jadi relawan paslon?", "TNI-Polri", True),
        # a grade or a body before the service ("perwira Polri", "cabinet minister"), and a policewoman
        ("Saya perwira Polri aktif dan berniat maju di pilkada tahun depan. Bolehkah saya pasang baliho?", "TNI-Polri", True),
        ("izin kak, sy polwan. klo cuma nge-like postingan ig paslon pilkada, itu udh melanggar blm sih?", "TNI-Polri", True),
        ("I'm a cabinet minister and a long-time party member. May I give money to my party's pair?", "pejabat-negara", True),
        # ... or after "berstatus" / "statusnya"
        ("Saya guru MAN berstatus PNS dan ditawari partai menjadi calon wakil bupati. Cukup cuti?", "PNS", True),
        ("Saya bidan di puskesmas, statusnya PPPK. Boleh ikut kampanye?", "PPPK", True),
        # the asker writes on behalf of an official: the question is the official's (not one who only works for him)
        ("I'm writing on behalf of my boss, the sitting governor. He isn't standing. Can he speak at a rally?", "kepala-daerah", True),
        ("Saya bertanya atas nama atasan saya, Pak Bupati. Bolehkah beliau ikut kampanye?", "kepala-daerah", True),
        ("Asking for my boss, a minister who is also a party cadre. Can he join his party's rally on Sunday?", "pejabat-negara", True),
        ("I work for our regent as a driver. Can I join the campaign team?", "PNS", False),
        # the asker names themselves as the child of one just named ("bokap polisi ... aku anaknya")
        ("bokap polisi jd ga nyoblos. aku anaknya udh 17 thn, masa ikut2an ga boleh milih jg?", "warga", True),
        # ... but a post right after "aku suaminya", once the wife has been told of, is the asker's own
        ("istri sy nyaleg DPRD, aku suaminya PNS, boleh ikut bantu kampanye?", "PNS", True),
        ("aku anaknya PNS, boleh ikut kampanye?", "warga", True),
        # the asker asks whether their own status keeps a relative who is no servant from acting
        ("My wife is a housewife. I'm a PNS. Does my status stop her from giving a KTP copy to a candidate?", "warga", True),
        ("Istri saya ibu rumah tangga. Saya PNS. Apakah status PNS saya melarang istri saya memberi KTP dukungan?", "warga", True),
        # a time already come before "saya" still opens the asker's own words
        ("Tahun lalu saya pensiun dari PNS. Boleh saya tanda tangan dukungan calon perseorangan?", "warga", True),
        # one's own private employer, told beside a relative who serves
        ("My wife is a PNS. I work at a private bank and would like to volunteer for a pair. Am I allowed to?", "warga", True),
        # the asker's own name before their post is no word of who they are
        ("I'm Pak Joko, head of Desa Sidomulyo. A party asked me to run for regent. Must I resign?", "kepala-desa", True),
        ("Saya Yusuf, sekdes di Desa Tanjung Lamun. Bolehkah saya jadi tim kampanye caleg?", "perangkat-desa", True),
        ("Saya Kepala Desa, mau tanya: bolehkah saya jadi jurkam?", "kepala-desa", True),  # a post, not a name
        # "he" is not the wife the story also names
        ("I'm Yosef, a forest ranger (PNS). The agency head threatened transfers. My wife thinks he's bluffing. Can he do this?", "PNS", True),
        ("Our Pj governor may resign and register for the governor race. Can a Pj do that?", "pejabat-asn", True),
        # a business of one's own: a private citizen, unless the asker also serves
        ("my wife is a PNS at the registry, I run a small print shop. can I join a pair's campaign team?", "warga", True),
        ("Saya PNS, dan saya juga punya usaha percetakan. Boleh saya cetak spanduk paslon?", "PNS", True),
        # one's own post called non-PNS
        ("Saya penyuluh agama non-PNS di KUA, boleh jadi MC kampanye calon bupati?", "warga", True),
        ("I'm a non-PNS counsellor at the religious affairs office; may I MC a campaign event?", "warga", True),
        # nobody named: the asker is a PNS; a candidate, a pressuring superior or a person met is not the actor
        ("Can I like a candidate's Instagram post?", "PNS", False),
        ("Bolehkah saya ikut kampanye calon bupati?", "PNS", False),
        ("Camat menyuruh saya ikut apel dukungan paslon, gimana?", "PNS", False),
        ("Atasan saya camat menyuruh kami hadir di kampanye", "PNS", False),
        ("I met a village head at the rally. Is that a problem?", "PNS", False),
        ("Can I attend the regent's campaign rally?", "PNS", False),
        # a candidate for the civil service in the 2023 law's words; an acting regional head; the asker's own
        # status said after a relative's ("saya sendiri ASN"); an election body asked what it must or may do
        ("Saya CASN yang baru lulus seleksi, boleh ikut kampanye?", "CPNS", True),
        ("Saya calon ASN, boleh dukung paslon?", "CPNS", True),
        ("Bolehkah Pj bupati mendukung salah satu calon?", "pejabat-asn", True),  # appointed, not elected: an ASN official
        ("Can an acting governor endorse a candidate?", "pejabat-asn", True),
        ("Suami saya karyawan swasta, dia relawan paslon. Saya sendiri ASN. Boleh saya ikut acaranya?", "ASN", True),
        ("We are ASN teachers, can we attend a rally?", "ASN", True),
        ("Apakah Bawaslu wajib meneruskan temuan pelanggaran netralitas ASN?", "penyelenggara", True),
        ("Can Bawaslu forward a finding about a civil servant?", "penyelenggara", True),
        ("KPU belum menetapkan calon, boleh saya pasang baliho?", "PNS", False),  # the body is the setting
        ("Is Bawaslu the right place to report my boss?", "PNS", False),
        ("Bawaslu menemukan PNS ikut kampanye, apa sanksinya?", "PNS", False),
        ("Babinsa di desa kami ikut mengarahkan warga memilih calon, boleh?", "TNI-Polri", True),  # the army's village NCO
        # honorary staff described with an aside; the question asks what a relative who is no ASN may do
        ("I'm an honorary (non-ASN) staff member at the planning office. May I join a campaign team?", "honorer", True),
        ("My husband is a trader, not a civil servant. I'm a PNS. Is he allowed to be a campaign volunteer?", "warga", True),
        ("Saya PNS, istri saya ibu rumah tangga. Bolehkah istri saya jadi relawan paslon?", "warga", True),
        ("Saya PNS, istri saya ibu rumah tangga dan ikut kampanye. Bolehkah saya menemani di panggung?", "PNS", True),
        # the asker is a candidate: bound by the campaign rules for candidates (calon); a candidate for the civil service is a CPNS
        ("Saya calon bupati yang sudah ditetapkan KPU. Boleh saya ajak kepala desa jadi jurkam?", "calon", True),
        ("I'm a DPRD candidate; can I invite teachers to my rally?", "calon", True),
        ("Saya PNS dan ingin jadi calon bupati, wajib mundur?", "PNS", True),
        ("I'm a candidate's witness at the polling station; may I wear his badge?", "PNS", False),
        ("Saya calon saksi paslon di TPS, boleh?", "PNS", False),
        # chat words for a parent; soldiers named by their service
        ("bokap pensiunan pns, mau jd timses caleg. aman kan?", "warga", True),
        ("Can army soldiers attend a rally?", "TNI-Polri", True),
        ("Our vice-governor isn't running; can she join her party's campaign?", "kepala-daerah", True),
        ("My dad retired from the civil service last year. Can he join a campaign team?", "warga", True),
        ("my wife is a PNS but I work at a private company. can I join a campaign team?", "warga", True),
        ("Is it legal for the head of the public works office to favour one candidate?", "pejabat-asn", True),
        # a story about one official's act, then asked about: that official; not one the asker only met
        ("In our village the village head moved a candidate's event to the village hall. Is that an offence?", "kepala-desa", True),
        ("Di desa kami kepala desa membagikan beras sambil minta pilih paslon 2. Apakah itu melanggar?", "kepala-desa", True),
        ("I'm an honorary (non-ASN) admin worker at a sub-district office. May I join a campaign team?", "honorer", True),
        ("I'm a sub-district head (camat) and a civil servant. The regent asked me to steer aid.", "pejabat-asn", True),
        # a relative's work said with "'s" ("my sister's a cop"); a modifier before the actor; an employer named
        ("my sister's a cop. is she allowed to vote for president?", "TNI-Polri", True),
        ("Can a sitting cabinet minister campaign for a party's ticket?", "pejabat-negara", True),
        ("Saya PNS. Suami saya pegawai toko swasta, apakah suami saya boleh jadi relawan caleg?", "warga", True),
        # a former one at the head of the question is no civil servant any more; "private-sector" with its hyphen
        ("A retired civil servant wants to join a campaign team; is that banned?", "warga", True),
        ("Mantan kepala desa boleh jadi tim sukses caleg?", "warga", True),
        ("I'm a private-sector employee; may I campaign for a regent candidate?", "warga", True),
        ("One of the ministers is a party cadre. May he campaign for a presidential pair?", "pejabat-negara", True),
        ("Salah satu menteri kader partai, boleh kampanye capres?", "pejabat-negara", True),
        ("I'm a PNS. My daughter works for a private bank and volunteers for a candidate. Is she allowed to?", "warga", True),
        ("Saya sekretaris kecamatan, staf saya ikut konvoi paslon. Wajib saya laporkan?", "pejabat-asn", True),
        # of several subjects, the one the question asks about ("... Apakah bupati melanggar?")
        ("Kepala dinas meninggal bulan lalu. Bupati lalu menunjuk Plt. Apakah bupati melanggar?", "kepala-daerah", True),
        ("Bolehkah kepala desa ikut kampanye? Camat bilang boleh.", "kepala-desa", True),
        # a relative who retired, or who is no civil servant, asked about in chat spelling
        ("my dad retired from PNS last year. can he join a bupati candidate's tim sukses now?", "warga", True),
        ("Ayah saya sudah pensiun dari PNS. Bolehkah dia jadi tim sukses caleg?", "warga", True),
        ("adekku bukan pns (wiraswasta) nyaleg dprd, mau kampanye di rumah ortu. aku sendiri pns. adekku boleh kan?", "warga", True),
        ("istriku PNS, boleh ikut kampanye?", "PNS", True),
        # a campaign team speaking as one is the campaign's organiser
        ("Kami tim kampanye paslon wali kota. Boleh kami sediakan makan siang di pertemuan terbatas?", "calon", True),
        ("We are the campaign team of a DPRD candidate; may we hold a rally in the market?", "calon", True),
        # a grandparent who retired is any citizen; the doer of a story the question says the official is
        ("my grandma retired as a PNS teacher two years ago. can she hand out a DPRD candidate's flyers?", "warga", True),
        ("Kakek saya sudah pensiun dari PNS. Bolehkah dia ikut kampanye caleg?", "warga", True),
        ("Ayah saya, Pak Yusuf, pensiunan polisi. Apa benar ayah saya melanggar hukum jadi tim kampanye caleg?", "warga", True),
        # the asker has retired, told without "I" in a chat; not one who retires next year
        ("retired from the tax office last year (pensiun PNS). can i be tim sukses for a caleg?", "warga", True),
        ("udah pensiun nih, boleh jadi timses caleg?", "warga", True),
        ("Saya pensiun tahun depan, boleh ikut kampanye caleg?", "PNS", False),
        # the asker says what they are and that they are no civil servant, after a relative who is one
        ("My wife is a PNS, while I'm a self-employed designer and not a civil servant. Can I volunteer for a campaign?", "warga", True),
        ("Suami saya karyawan swasta, dia jadi tim sukses caleg. Saya sendiri PNS. Apa suami saya melanggar aturan?", "warga", True),
        ("Suami saya karyawan swasta, jadi relawan paslon gubernur. Saya sendiri PNS. Suami saya melanggar aturan nggak?", "warga", True),
        # a chat greeting that says who asks ("pppk here"), before "I'm not a PNS"
        ("pppk here. may i join a party and show my card online? asking because im not PNS", "PPPK", True),
        ("hi, civil servant (PNS) here. can I comment on a candidate's live stream?", "PNS", True),
        ("At the village meeting someone said aid stops unless we back candidate 1. He is an elected village head. "
         "Is what he did allowed?", "kepala-desa", True),
        # one who died did nothing; a clause on who the doer is may stand between them and their act
        ("The head of our health office died last month. The regent, who is running again, then named an acting head. "
         "Isn't that the banned replacement?", "kepala-daerah", True),
        # a retired relative named between commas
        ("My mother, Bu Sri, retired last year after decades as a PNS nurse. Is she allowed to join a DPR candidate's team?", "warga", True),
        ("A colleague, Pak Joko, retired from our agency in March. He has joined a regent candidate's team. Is he still bound?", "warga", True),
        # the asker who has resigned from the service is any citizen; not one who asks whether to
        ("i quit as PNS last yr to run for bupati and lost. now a party wants me on its board. any rule stopping me?", "warga", True),
        ("Saya sudah mundur dari PNS tahun lalu. Boleh saya jadi pengurus partai?", "warga", True),
        ("if i quit as PNS to run for bupati, can i come back?", "PNS", False),
        ("Kalau saya mundur dari PNS, boleh jadi pengurus partai?", "PNS", False),
        ("Last year I resigned from the civil service to run for regent and lost. Can I withdraw my resignation and go back?", "PNS", False),
        # an office followed by "candidate" is the office run for, not one the asker holds
        ("I'm a PNS auditor and the KPU has just fixed me as a vice-mayor candidate. When does my resignation take effect?", "PNS", True),
        # whether the asker's status makes trouble for a relative who runs a business asks about the relative
        ("my brother runs a private tutoring centre. he wants to join a DPR candidate's team. im a PNS teacher, does my status cause problems for him?", "warga", True),
        ("I am a PNS. If I join a rally, will that cause problems for my husband?", "PNS", True),
        # asked about a relative who serves, the asker's "I'm not a PNS" is not the answer's actor
        ("Suami saya, namanya Joko, PNS di dinas. Saya sendiri bukan PNS, saya dosen swasta. Apakah suami saya boleh mendampingi saya?", "PNS", True),
        ("Saya bukan PNS, saya pedagang. Boleh saya jadi relawan paslon?", "warga", True),
        # "isn't our own regent supposed to stay neutral?" asks about the regent
        ("Our regent spoke at his party's rally. As civil servants we were shocked: isn't our own regent supposed to stay neutral?", "kepala-daerah", True),
        # whether the asker answers for a relative's act asks about that act
        ("Suami saya petani, bukan PNS, dia pasang baliho caleg di rumah. Saya guru PNS, apa saya bisa kena sanksi gara-gara suami?", "warga", True),
        # the asker's own act, asked beside whether a relative who serves gets into trouble for it, asks about the asker
        ("Ayah saya PNS di dinas. Saya mahasiswa, band saya diundang tampil di konser kampanye paslon. "
         "Apakah saya boleh tampil, atau ayah saya bisa kena masalah?", "warga", True),
        ("my mum is a PNS. can i join the rally, or will my mum get in trouble?", "warga", True),
        ("My dad is a PNS. Can he join the rally, or will my dad get punished?", "PNS", True),
        # one who says they never worked for the government is any citizen; not a PNS telling of an earlier job
        ("I grow chillies and have never worked for the government. May I be a pair's witness at the polling station?", "warga", True),
        ("Saya PNS, tapi tidak pernah jadi pegawai pemerintah daerah sebelumnya. Boleh ikut kampanye?", "PNS", True),
        # a relative who "left the civil service" after years of work has retired
        ("My father taught chemistry at a state school for 34 years and left the civil service last March. May he donate to a pair?", "warga", True),
        # one set by KPU as a candidate, told later in the sentence, is a candidate; not one whose husband was set
        ("Saya anggota DPRD provinsi dari sebuah partai dan sudah ditetapkan KPU sebagai calon bupati. "
         "Bolehkah saya melibatkan keluarga yang PNS dalam kampanye?", "calon", True),
        ("Saya ibu rumah tangga, suami saya sudah ditetapkan KPU sebagai calon bupati. Boleh saya ikut kampanye?", "warga", True),
        # a member of a campaign team telling so speaks as the campaign (not one who joins it, nor one who is also a servant)
        ("I'm on the campaign team of a mayoral pair. Does serving boxed lunches count as vote buying?", "calon", True),
        # the asker's retirement told by the pension decree, or at the end of a sentence of their own working life
        ("Saya Pak Harun, 60 tahun, dulu kepala sekolah SD negeri. SK pensiun saya sudah keluar. Boleh saya masuk tim sukses keponakan?", "warga", True),
        ("I taught maths at a state primary school for 32 years and retired last March. Am I allowed to join the team?", "warga", True),
        ("I was a PNS teacher for 30 years and retired in March. Can I join a campaign team?", "warga", True),
        ("I work with my father, who taught for 30 years and retired. I'm a PNS. Can I join?", "PNS", True),
        # whether what is said of those who hold a post is true asks about them
        ("bener ga sih anggota polri ga ikut nyoblos pas pemilu? adek sy baru lulus bintara nih", "TNI-Polri", True),
        # a relative's work between them and their status ("istri saya guru PNS"): the relative is the servant
        ("Saya caleg DPRD, dan istri saya guru PNS. Boleh nggak dia ikut naik panggung mendampingi saya?", "PNS", True),
        ("suami saya dokter PNS di RSUD. saya ibu rumah tangga, boleh saya ikut kampanye?", "warga", True),
        # a member of the DPR RI is a state official; "isn't he supposed to ...?" asks about him
        ("I'm a DPR RI member and a party cadre. May I speak at our pair's rallies?", "pejabat-negara", True),
        ("I'm a PPPK driver at the regent's office. Our regent is running again and campaigns in the official car. "
         "Isn't he supposed to step away from the job while he campaigns?", "kepala-daerah", True),
        # a chat's member of a campaign team drops "anggota": "sy tim kampanye paslon bupati" speaks for the team
        ("sy tim kampanye paslon bupati, mau sediain nasi kotak buat warga yg dateng. itu money politik gk?", "calon", True),
        ("Saya di tim pemenangan paslon wali kota. Kami mau rekrut ketua RT jadi koordinator, boleh?", "calon", True),
        # the asker's status beside "me" in the story ("naming me, a PNS at ..."); "staf saya, CPNS ..." is the staff's
        ("The regent issued a decree naming me, a PNS at the sub-district office, as PPK secretary. Can I accept?", "PNS", True),
        ("Bupati menunjuk saya, PNS kecamatan, sebagai sekretaris PPK pilkada. Boleh saya terima?", "PNS", True),
        ("Saya kasubbag umum. Staf saya, CPNS yang baru, bikin video ajak pilih paslon. Boleh saya diamkan?", "PNS", False),
        # the word after a relative is no name of theirs ("told my brother that ..."): the asker, a PNS, asks about their own act
        ("I'm a PNS. My brother is a DPR candidate and the party chairman told my brother that the whole family should hold "
         "party cards. Is that okay?", "PNS", True),
        # a PPPK whose contract has ended is no longer ASN; not one whose contract ends later ("habis bulan Januari")
        ("My PPPK contract with the district health office ran out last month and was not renewed. Am I free to join a campaign now?",
         "warga", True),
        ("My PPPK contract at the district agriculture office ended on 31 December and was not renewed. A DPRD candidate "
         "asked me to join his campaign team. Do the ASN neutrality rules still apply to me?", "warga", True),
        ("kontrak PPPK saya sudah habis bulan lalu. boleh jadi relawan caleg?", "warga", True),
        ("Saya perawat PPPK, kontrak saya habis bulan Januari. Kalau saya datang ke kampanye, apakah saya melanggar?", "PPPK", True),
        # a police brigadier by rank; an official told with who they are, then what they want ("a minister who is ... wants to")
        ("brigadir polri here. feb 14 pemilu coming, can i go coblos like everyone else or nah?", "TNI-Polri", True),
        ("Hypothetically, a health minister who is a party member wants to campaign for his party's ticket. Is he permitted to?",
         "pejabat-negara", True),
        # an army doctor is a soldier; a PNS clerk at an army hospital is a PNS
        ("army doctor at the military hospital here. can i still vote for president like my civilian nurses?", "TNI-Polri", True),
        ("I'm a PNS clerk at an army hospital. can I vote?", "PNS", True),
        ("our paslon team gives snacks and pays the angkot fare for people at a limited meeting. is that money politics?", "calon", True),
        ("I'm on the legislative campaign team and a PNS teacher. Is that ok?", "PNS", False),
        ("saya masuk tim kampanye caleg, boleh?", "PNS", False),
        # a chat "isnt" without its apostrophe is still "is not"
        ("my wife isnt ASN, she sells cakes online. she wants to join a cagub campaign team, is she allowed?? im a PNS teacher", "warga", True),
        # "as a civil servant" in a sentence about a relative is the relative's past role, not the asker's
        ("My mother retired from the land office in 2021 after 25 years as a civil servant. A regent candidate wants her "
         "on his team. Do the neutrality rules still bind her?", "warga", True),
        ("My father, as a civil servant, was told to attend a candidate's rally. Is that allowed?", "PNS", True),
        ("I have worked as a civil servant for ten years. May I canvass for a regent candidate?", "PNS", True),
        # the asker's own trade and "nobody's employee", after a relative who is a civil servant
        ("Istri saya guru PNS, sedangkan saya tukang jahit di pasar, bukan pegawai apa-apa. Boleh saya jadi jurkam caleg?", "warga", True),
        # ... with a clause or two between, in a chat ("apa2"); but not across another person's words
        ("sy adiknya kades, kerjanya cuma bertani, bukan pegawai apa2. blh gk ikut tim sukses cabup?", "warga", True),
        ("Saya PNS, suami saya bukan pegawai apa-apa. Boleh saya ikut kampanye?", "PNS", True),
        # the asker's own work in a clause between "saya" and "bukan PNS" ("saya ketua RT, kerja swasta, bukan PNS"); not
        # another's status there ("saya kepikiran, PPPK kan bukan PNS": a PPPK asks whether the ban reaches them)
        ("sy ketua RT, kerja swasta bukan PNS bukan perangkat desa. blh gk sy masuk tim kampanye caleg?", "warga", True),
        ("saya guru, kerja di sekolah swasta, bukan PNS. boleh ikut kampanye?", "warga", True),
        ("sy Rina, PPPK guru di SD negeri. Skrg sy kepikiran, PPPK kan bukan PNS, jd larangan masuk partai berlaku ke sy jg gak?",
         "PPPK", True),
        # a relative told as a student, or with no government job, or with their trade in brackets, asked about
        ("I'm a serving police officer. My son is 21, a university student with no government job. He wants to volunteer on "
         "a campaign team. Will this get him, or me, into trouble?", "warga", True),
        ("saya PNS, suami saya tokoh masyarakat biasa (wiraswasta) diajak jadi relawan caleg. suami saya boleh ikut? takut saya yang kena "
         "karena dia suami PNS", "warga", True),
        ("My wife is a civil servant and a student at the open university; can she join a campaign?", "PNS", True),
        # a soldier or police officer who has retired is a civilian; so is one whose term of office has ended (not one whose
        # term ends on a date to come)
        ("I retired from Polri last year as a Kompol. A friend wants me to chair his campaign team. May I?", "warga", True),
        ("my term as village head ended last month and the new one was sworn in. can i join a campaign team?", "warga", True),
        ("Saya kepala desa, masa jabatan saya habis 2027. Boleh saya maju jadi calon wakil bupati?", "kepala-desa", True),
        # a named retiree who asks something of the askers ("Can we do it?"): the askers ask about themselves
        ("Pak Joko retired last year and now runs for the DPRD. He asked us to mention his number at work. Can we do it?",
         "PNS", False),
        # lawmakers named as such are state officials; a school's board of teachers ("dewan guru") is no parliament
        ("does a member of parliament need leave to join his party's campaign rally at the weekend?", "pejabat-negara", True),
        ("anggota dewan dari partai mau bikin konten kampanye capres di akun medsos pribadinya, boleh?", "pejabat-negara", True),
        ("saya anggota dewan guru di SMA negeri, boleh ikut kampanye?", "PNS", False),
        # a business of one's own named by its owner
        ("my older sister is a PNS midwife. im a private shop owner. can i join a candidate's campaign team?", "warga", True),
        ("I run a small bakery and my husband is a civil servant. May I donate to a mayoral pair's campaign account?", "warga", True),
        ("I'm a retired teacher; may I donate in kind, like T-shirts and banners, to a candidate pair's campaign?", "warga", True),
        ("I own a private company that wants to contribute to a governor candidate's campaign; is there a limit?", "warga", True),
        ("Bapak saya pensiunan PNS sejak 2022. Apa beliau masih kena larangan netralitas ASN?", "warga", True),
        ("I run a small phone-credit kiosk in Padang. An independent pair asked me to sign their support form. Is that legal for me?", "warga", True),
        ("My father, Pak Harun, worked as a PNS at the agriculture office in Jember for thirty-one years and reached retirement age "
         "last March. An old friend running for regent wants him on the campaign team. May he join?", "warga", True),
        # a chat particle between the asker and their status ("sy kan pppk"): still the asker's own
        ("sy kan pppk, bkn pns. brrti blh dong daftar jd anggota partai?", "PPPK", True),
        # one who says they reached the retirement age has retired, though they name the post they held
        ("I reached retirement age and left the health office as a PNS in March. May I join a regent pair's campaign team?", "warga", True),
        ("I reach retirement age next year as a PNS. May I join a campaign team?", "PNS", True),
        # an age told after the asker's name, then a private company they head
        ("Saya Hendra, 45 tahun, direktur sebuah PT percetakan swasta. Bolehkah perusahaan kami menyumbang ke kampanye paslon?", "warga", True),
        # one who works for an official in person asks about the official ("chief of staff to our governor")
        ("I'm chief of staff to our governor. He'd like to speak at his party's regent candidate's rally. Some say a sitting "
         "governor can't campaign at all. Are they right?", "kepala-daerah", True),
        # whether a relative's activity makes the asker liable asks about that activity
        ("Istri saya bukan ASN, dia relawan caleg dan pakai mobilnya sendiri. Saya PNS. Apa kegiatan istri saya itu bisa "
         "membuat saya kena sanksi?", "warga", True),
        # ... or their trade, a comma, and "not a civil servant"
        ("My husband teaches at a state school as a PNS; I'm a baker, not a civil servant. May I hand out a candidate's flyers?", "warga", True),
        ("Suami saya guru PNS, saya sendiri petani, bukan PNS. Boleh saya jadi jurkam caleg?", "warga", True),
        # ... but "kami" of a village that names its head ("desa kami (bukan PNS)") is no asker
        ("Kades kami (bukan PNS) pasang foto dukungan ke bakal calon bupati di FB pribadinya. Boleh?", "kepala-desa", True),
        # whether the asker's own act gets a relative who serves in trouble: the asker is that relative's family
        ("Istri saya bidan PNS. Saya mau ikut konvoi kampanye cabup. Apa istri saya bisa kena sanksi karena kegiatan saya?", "warga", True),
        ("My son is a civil servant. I want to put a mayoral candidate's banner on my shop. Will that get him in trouble?", "warga", True),
        # a spouse who is none, asked about without "saya" ("istri boleh ...?"); the asker's own office is no answer then
        ("suamiku wiraswasta, mau jadi jurkam caleg. aku guru PNS. suami boleh kampanye kan?", "warga", True),
        # someone named who has retired from the service
        ("Bu Ratna retired in March as head of the tax office and now runs for the DPD. Is she allowed to hold rallies?", "warga", True),
        ("Saya PNS. Pak Darto sudah pensiun dari dinas, sekarang nyaleg. Boleh saya jadi relawannya?", "PNS", True),
        # a chat greeting before "aku": the asker names themselves
        ("min aku PNS di dinas sosial, boleh repost video caleg?", "PNS", True),
        # ... or a word of one's work before the status, opening a chat ("dok PNS nih."); not a title addressing someone
        ("dok PNS nih. pasien rawat inap sy ternyata cawalkot, emang ga boleh ya?", "PNS", True),
        ("bidan PPPK, boleh like postingan caleg?", "PPPK", True),
        # a village official who is a civil servant is bound as the civil servant
        ("sekdes here (PNS). sunday's my day off, can i go to the paslon rally in my korpri uniform?", "PNS", True),
        ("Saya sekretaris desa (PNS), boleh ikut kampanye cabup?", "PNS", True),
        # a cousin, nephew or niece who has just joined the force is the one asked about
        ("my cousin just enlisted in TNI, hes 19. can he still vote in the next presidential and DPR election?", "TNI-Polri", True),
        ("adik saya baru masuk TNI, boleh ikut nyoblos?", "TNI-Polri", True),
        ("I'm a major in the army, and people back home keep asking me to run for regent. What must I do first?", "TNI-Polri", True),
        ("keponakan saya polisi aktif, boleh jadi tim sukses pamannya?", "TNI-Polri", True),
        # "he may" told in the story is no question about him; a relative who only says something is no asker
        ("Saya kepala desa. Seorang caleg menawarkan piala asalkan dia boleh bicara soal programnya. Istri saya bilang ini bukan "
         "kampanye. Kalau rencana itu saya jalankan, apakah ada masalah hukum?", "kepala-desa", True),
        ("Saya kaur keuangan, bukan PNS. Boleh ikut kampanye?", "perangkat-desa", True),
        ("Pak Bupati, boleh kampanye?", "kepala-daerah", True),
        ("not asn, i work at a private bank. can i give to my cousin's campaign fund?", "warga", True),
        ("kak saya guru PPPK, boleh jadi saksi paslon?", "PPPK", True),
        # the doer with a clause on who they are, without commas; "is that right?" asks about the act
        ("Dua bulan sebelum penetapan paslon, wali kota kami yang akan maju lagi membagikan sembako berlogo wajahnya. Kata stafnya itu sah, benar begitu?", "kepala-daerah", True),
        # the asker's post in their words, then its name in brackets, before "I'm not a civil servant"
        ("I'm the finance affairs officer (kaur keuangan) of our village. I'm not a civil servant. May I join a campaign team?", "perangkat-desa", True),
        # "boleh nggak suami saya ...": asked about the relative who is no civil servant
        ("Suami saya pedagang, bukan ASN, diajak masuk timses caleg. Saya guru PNS. Boleh nggak suami saya ikut?", "warga", True),
        # a relative who retired, told after what they were
        ("My mother was head of the district library for years and retired in 2023. A DPD candidate wants her on his team. Can she join?", "warga", True),
        # ... unless later taken on again as a contract civil servant (PPPK is ASN)
        ("My uncle retired as a PNS doctor in 2021. Later the hospital lacked specialists, so he passed the PPPK selection and works there "
         "on contract. May he join a regent pair's campaign team?", "PPPK", True),
        ("Ayah saya sudah pensiun dari PNS, lalu diangkat lagi sebagai PPPK di puskesmas. Boleh ikut kampanye?", "PPPK", True),
        # ... or later elected village head
        ("My father retired from the army in 2015, and two years later he was elected head of our village. During the campaign "
         "he let a pair hold a rally in the village hall. Is that allowed?", "kepala-desa", True),
        # ... or after where they worked
        ("My father worked at the education office for 32 years and retired last March. He now posts a candidate's posters daily; "
         "his old colleagues say ASN must stay neutral. Is he breaking the rules?", "warga", True),
        ("Ayah saya bekerja di dinas pertanian selama 30 tahun dan sudah pensiun tahun lalu. Bolehkah beliau ikut tim sukses?", "warga", True),
        # ... after what they taught, or as reaching the retirement age; a sibling who still serves is not the one asked about
        ("My father taught maths at a state junior high school for 31 years and hit retirement age last March. A friend wants him "
         "on a presidential ticket's campaign team. My younger sister still teaches as a PNS in Solo. Can my father join the team?", "warga", True),
        ("Ayah saya sudah pensiun. Adik saya masih mengajar sebagai PNS di Solo. Boleh ayah ikut tim kampanye?", "warga", True),
        ("My mother served as a PNS nurse for 30 years and reached her retirement age in June. May she join a regent pair's team?", "warga", True),
        # one hired out to a government office by a private vendor (outsourcing) is a private employee, no ASN
        ("Saya satpam outsourcing di kantor bupati, digaji vendor. Boleh ikut kampanye caleg?", "warga", True),
        ("I'm an outsourced cleaner at the district health office. May I join a party?", "warga", True),
        # one who sits in the DPR is a member of it, a state official (UU 5/2014 Pasal 122 huruf c); the DPRD is no DPR
        ("I sit in the DPR for my party. May I speak at my party's presidential rallies at weekends?", "pejabat-negara", True),
        ("Saya duduk di DPR RI dari fraksi partai saya. Boleh kampanye capres di hari libur?", "pejabat-negara", True),
        # the asker names no post of their own and asks about themselves beside a relative who serves: one who does not
        ("My husband's a PNS teacher. Can I join a regent pair's campaign team?", "warga", True),
        ("Istri saya PNS di dinas kesehatan. Boleh saya jadi relawan caleg?", "warga", True),
        # ... but a relative who is "also" one serves beside the asker; one who is asked about is the one asked about
        ("My wife, also a PNS, works under me. Can I just warn her at home?", "PNS", True),
        ("Suami saya PNS. Apakah dia boleh ikut kampanye?", "PNS", True),
        # "berstatus PNS" after a relative in the asker's sentence is the relative's status
        ("Saya ibu rumah tangga, suami saya guru SD berstatus PNS. Boleh saya ikut tim kampanye?", "warga", True),
        # a third-person question about one who has retired: a private citizen
        ("Pak Darto, pensiunan guru PNS di Klaten, boleh jadi timses bupati?", "warga", True),
        ("Pak Darto, guru PNS di Klaten, boleh jadi timses bupati?", "PNS", False),
        # one the question says never served
        ("Pak Joko runs a print shop; he has never been a civil servant. May he join a mayoral pair's campaign team?", "warga", True),
        ("Bu Ani pedagang di pasar, beliau tidak pernah jadi PNS. Bolehkah beliau ikut tim sukses?", "warga", True),
        # a campaign team introduced as such speaks as the candidate's side
        ("campaign team here. can we give lunch boxes to people at our limited meeting?", "calon", True),
        ("Our legislative campaign team will serve snacks at a face-to-face meeting. Is that allowed?", "calon", True),
        # what a relative may do, told, then "me too?": the asker asks about himself
        ("im TNI AD. pilpres 14 feb. istri boleh nyoblos, me too kan?", "TNI-Polri", True),
        # ... or whether what binds the relative bars the asker too: the asker asks about himself
        ("My wife is a police officer and won't vote in the election. Does that mean I can't vote either?", "warga", True),
        ("Suami saya tentara, jadi saya juga tidak boleh nyoblos ya?", "warga", True),
        ("My husband is a police officer. Can he vote?", "TNI-Polri", True),
        # a third person told as a soldier's or police officer's relative is asked about, not the officer
        ("Istri tentara apakah punya hak pilih di pemilu?", "warga", True),
        ("Does a police officer's wife have the right to vote?", "warga", True),
        # ... but "istri PNS" is as often a wife who is one
        ("Istri PNS ikut kampanye suaminya yang nyaleg, boleh?", "PNS", True),
        # an officer of a state- or region-owned enterprise
        ("Saya direktur PDAM. Partai menawari saya jadi calon wakil bupati.", "karyawan-bumn", True),
        ("I'm a director of a state-owned enterprise; may I run for governor?", "karyawan-bumn", True),
        ("Saya polisi. Istri saya boleh ikut kampanye, kalau saya bagaimana?", "TNI-Polri", True),
        # the sentence that asks names another official as the one asked about
        ("Saya PNS di bagian protokol. Bupati kami tidak maju lagi dan mau jadi jurkam caleg partainya. Benar nggak Pak Bupati dilarang?", "kepala-daerah", True),
        ("Suami aku polisi, aku PNS. Kok dia gak dapet undangan nyoblos? Emang polisi gak boleh milih?", "TNI-Polri", True),
        # ... or whether what it tells is safe for that official ("aman gak buat pak kades?"), not for the asker beside him
        ("Pak, saya sekdes. Kades kami mau minjemin lapangan desa buat acara caleg pas kampanye. Aman gak ini buat pak kades?", "kepala-desa", True),
        ("Saya sekdes. Kades mengajak saya ke acara caleg. Aman gak buat kepala desa kalau saya ikut?", "perangkat-desa", True),
        # "boleh tidak beliau ...?": the official the asker works for
        ("Saya staf khusus seorang menteri. Pekan depan libur nasional dan beliau ingin berorasi di kampanye caleg partainya. "
         "Jadi, boleh tidak beliau berangkat?", "pejabat-negara", True),
        ("I'm a PNS aide at the ministry. My minister joined a pair's campaign team. Can the minister campaign at all?", "pejabat-negara", True),
        ("Kami staf humas. Gubernur tidak maju lagi dan sudah mengurus izin kampanye. Jadi, bolehkah Gubernur ikut berkampanye untuk Bupati?", "kepala-daerah", True),
        # "he" asked about, the one official the story tells of besides the asker
        ("Our regent is running again. His office plans a ceremony to hand us village heads road aid under his banners. "
         "I'm one of the village heads invited. Can he run the event like this?", "kepala-daerah", True),
        ("I'm one of the village heads in the district. May I join the rally?", "kepala-desa", True),
        # a relative named by rank
        ("My husband Serka Dedi has served in the army (TNI AD) for 18 years. Can a serving soldier run for deputy regent?", "TNI-Polri", True),
        # "karena suami belum resmi jadi calon, apakah saya boleh ikut?" gives a reason and asks about the asker;
        # "bisa kena sanksi karena suami?" asks whether the asker answers for him
        ("Saya guru PNS. Suami saya pensiunan TNI dan akan dideklarasikan sebagai bakal calon bupati. Karena suami belum "
         "resmi jadi calon, apakah saya boleh naik panggung deklarasinya?", "PNS", True),
        ("Saya guru PNS. Suami saya pensiunan TNI dan jadi tim sukses. Apakah saya bisa kena sanksi karena suami?", "warga", True),
        # what "he" is doing, asked by one who says what they are not
        ("Our section head (a PNS) told us contract staff to wear a pair's shirts to the rally. We're not civil servants, "
         "so is what he's doing against any rule?", "pejabat-asn", True),
        # a chat opening with the asker's status alone
        ("still cpns, my SK isn't out yet. can i repost a candidate's video?", "CPNS", True),
        ("masih PPPK, boleh ikut kampanye?", "PPPK", True),
        # a rank in English; a soldier named only to compare ("as neutral as a soldier"), or as another's spouse
        ("My brother is an army sergeant. Can he join the campaign team of our uncle?", "TNI-Polri", True),
        ("My husband is an active army sergeant and I'm a housewife. People say a soldier's wife must be as neutral as "
         "the soldier. May I join my friend's campaign team?", "warga", True),
        ("My husband told me the army is neutral too. I'm a PNS, can I campaign?", "PNS", True),
        ("Saya PNS. Bolehkah saya ikut kampanye bupati petahana?", "PNS", True),
        # "hubby": a husband who serves; the asker is his family
        ("my hubby isnt ASN, he runs a small shop. can he join a regent candidate's campaign team?", "warga", True),
        # one's own trade with a word before it, or said first in a chat
        ("I'm a rice farmer in a farmer group. A DPR candidate asked me to speak at his rallies. Am I allowed?", "warga", True),
        ("just a regular farmer, not ASN or perangkat. can i post for paslon 3 in our village group? the admin is the sekdes", "warga", True),
        ("Farmers in my village were given fertiliser by the regent's team. Is that allowed?", "warga", True),
        # a relative named with no office of theirs, asked about: a private citizen, whatever the asker is
        ("I'm a PNS nurse. My wife sells batik at the market and wants to host a candidate pair's meeting at her stall. Is she allowed to, given my job?", "warga", True),
        ("Saya guru PNS. Istri saya mau jadi relawan paslon bupati. Bolehkah dia, padahal suaminya PNS?", "warga", True),
        # "my boss is the regent": the boss is that official, asked about
        ("Atasan saya adalah bupati yang tidak ikut pilkada. Bolehkah beliau jadi jurkam calon gubernur?", "kepala-daerah", True),
        # a chat's greeting before the actor asked about; "pak bupati" is a title, no father
        ("Min, PNS boleh ga punya KTA partai? Biar gampang bantu2 pak bupati pas pilkada nanti", "PNS", True),
        ("pak bupati kami naik panggung kampanye paslon gubernur, itu sah nggak", "kepala-daerah", True),
        # "tindakan pak kades ini": the question asks about the village head's act, not the apparatus told of before
        ("Pak Darto, kepala desa kami, bilang penerima BLT akan didata ulang kalau tidak mendukung anaknya. Perangkat desa membagikan "
         "kalender anaknya. Apakah tindakan pak kades ini melanggar hukum?", "kepala-desa", True),
        # "bokap" is the asker's father; "civil-service status" written with a hyphen
        ("bokap pensiunan pns, mau jd timses caleg. aman kan?", "warga", True),
        ("My husband is a PNS. A party asked me to stand for the DPRD. Does his civil-service status stop me?", "warga", True),
        # "bpk" is "bapak": a retired father, in a chat
        ("bpk sy pensiunan PNS, diajak jd timses caleg. msh kena aturan netralitas?", "warga", True),
        # one's post before "PPPK", in a chat's shortening ("tendik": education staff); "not PNS" does not make a PPPK a citizen
        ("aku tendik PPPK di sekolah negeri, bukan PNS. boleh ikut tim pemenangan cabup?", "PPPK", True),
        # a spouse who runs a business of their own, asked about
        ("My wife runs a small bakery and has no government job. She wants to bake for a candidate's rallies. Is she allowed?", "warga", True),
        # the asker asks whether they, not the relative who acts, answer for it
        ("sy guru PNS, suami pedagang. suami mau ikut jd relawan caleg. boleh kan? atau sy yg bisa kena sanksi?", "warga", True),
        # ... but not an in-law who serves
        ("My father-in-law is a PNS at the land office. Is he allowed to speak at a rally?", "PNS", True),
        # "bro" is someone's brother when it is someone's; a relative who "just got into" the police
        ("my big bro just got into the police academy lol. can he still vote in the pileg?", "TNI-Polri", True),
        # eastern Indonesian chat: "sa" is the asker
        ("Sa guru PPPK di SMP. Sa bole ikut kampanye ka?", "PPPK", True),
        ("sa pu bapa tentara, de bole jadi tim sukses ka?", "TNI-Polri", True),
        # an employee of a state- or region-owned enterprise is no ASN; the enterprise as a place is no actor
        ("Saya pegawai PDAM biasa tanpa jabatan. Boleh ikut kampanye cabup?", "karyawan-bumn", True),
        ("I work for the state electricity company as a technician; may I go to a governor candidate's rally?", "karyawan-bumn", True),
        # the work told, then whose it is; not an agency that oversees one
        ("I read water meters for PDAM, no position. Can I campaign for a regent candidate?", "karyawan-bumn", True),
        ("saya petugas baca meter PDAM, boleh ikut kampanye bupati?", "karyawan-bumn", True),
        ("Saya pegawai dinas yang mengawasi PDAM, boleh ikut kampanye bupati?", "PNS", False),
        # a university student asking for themselves; not when the question is about someone the story names
        ("im a student at a state uni, 20 y/o. can i volunteer for a presidential ticket on weekends?", "warga", True),
        ("Kami mahasiswa KKN. Pak Kades memindahkan kampanye caleg ke balai desa. Apakah tindakan kades ini boleh?", "kepala-desa", True),
        # a party post said of oneself is any citizen's; said of another it names no actor; "not a candidate" is none
        ("My wife is a PNS lecturer. I am the secretary of a party's city branch, not a candidate myself. Am I allowed to keep doing party work?", "warga", True),
        ("Saya PNS, guru SD negeri. Pengurus partai minta saya jadi bendahara tim kampanye suami. Boleh?", "PNS", True),
        ("Saya PNS dan juga pengurus partai, boleh?", "PNS", True),
        # a relative named between commas, or "active" before their post; a neighbour named who retired, asked about by a PNS
        ("My wife, Bu Sari, is a PNS lecturer. Can she like a candidate's post?", "PNS", True),
        ("My husband is an active army officer (TNI). Can he come with me to the polling station and vote?", "TNI-Polri", True),
        # a relative just sworn in, told with the rank; a neighbour told as a member of the police; one who "just became" one
        ("adik sy baru dilantik jd briptu polri, nanti pileg dia boleh ikut nyoblos?", "TNI-Polri", True),
        ("kemarin saya lihat tetangga saya anggota polisi antre di TPS, memangnya polisi boleh memilih?", "TNI-Polri", True),
        ("My nephew just became a soldier last month. Can he vote for president?", "TNI-Polri", True),
        # ... or one told with a word on their tenure ("a sitting DPR member")
        ("My father is a sitting DPR member and my brother runs for the DPRD. Is Dad allowed to campaign for him?", "pejabat-negara", True),
        # the enterprise's teller, and honorary staff by their work, each saying what they are not
        ("I'm a cashier at a state-owned bank, not a civil servant. May I join a DPR candidate's team?", "karyawan-bumn", True),
        ("I work as an honorary (non-ASN) librarian at a school; I'm neither PNS nor PPPK. May I volunteer on weekends?", "honorer", True),
        ("I'm neither PNS nor PPPK, just a shop owner. Can I put up a banner?", "warga", True),
        ("Pak Harun dulu PNS di Dinas Perkebunan, pensiun tahun 2021. Sekarang dia ketua posko pemenangan. Saya sendiri PNS. "
         "Apakah Pak Harun memang melanggar aturan netralitas?", "warga", True),
        # an election body that only sent something is no one asked about (the asker, head of a health centre, is)
        ("Saya dokter, kepala puskesmas. Panwascam sudah mengirim tangkapan layarnya ke saya. "
         "Apakah saya boleh mendiamkan saja?", "pejabat-asn", True),
        # the head of a state school or health centre is a superior over its civil servants
        ("Kepsek kami (PNS) mewajibkan semua guru PNS hadir di kampanye caleg. Kepseknya bisa kena sanksi apa?", "pejabat-asn", True),
        ("sy kapus, boleh ikut kampanye paslon bupati?", "pejabat-asn", True),
        ("Saya guru honorer di sekolah swasta. Kepala sekolah swasta kami ikut kampanye, boleh?", "honorer", True),
        # an honorary worker told apart from civil servants stays one
        ("I'm an honorary teacher, not a PNS. My principal says I'm bound by the same rules as the civil servants. Is she right?",
         "honorer", True),
        # whether a relative who serves is safe from what the asker did for them: about the relative
        ("Istri saya PNS guru. Dia titip kalender paslon ke saya untuk dibagikan, saya sendiri bukan PNS. Jadi aman kan buat istri?",
         "PNS", True),
        ("My husband is a PNS. He asked me to hand out a candidate's stickers; I'm not a civil servant. Since I do the handing out, "
         "he's safe, right?", "PNS", True),
        # a resignation told as a condition is not one made
        ("if i quit PNS to run for mayor and lose, can i cancel the resignation and get my old job back?", "PNS", False),
        # a story's official told by what they can or mean to do, then the act asked about as the subject
        ("Our Head of Public Works retired. BKD says the mayor cannot appoint a new head without the Minister's approval, "
         "but can name an acting head. Is naming a Plt allowed?", "kepala-daerah", True),
        # "the governor race" names an office run for, no person ("as the governor" would read as the asker's post)
        ("Pak Harjo has been village head for six years. Parties want him as their regent candidate, on the same day as "
         "the governor race. He asked me whether he has to give up the village post.", "kepala-desa", True),
        # the asker is no civil servant, said after a long description of themselves
        ("My dad is an active TNI sergeant, and I'm a 20-year-old student at the state polytechnic, not a civil servant. "
         "Can I volunteer for a presidential pair?", "warga", True),
        ("Saya PNS di dinas perhubungan. Boleh kampanye di aula BUMD?", "PNS", True),
        # a chat opener before "sy"; the navy by its short name
        ("bang sy anggota AL di lantamal. nanti pas pemilu presiden sy boleh nyoblos kan?", "TNI-Polri", True),
        # "as" a post after a verb of working, in the asker's own sentence; a post inside a slogan is none
        ("I teach at a state vocational school as PPPK. May I put a candidate pair's frame on my WhatsApp picture?", "PPPK", True),
        ("I put a 'Ready for Pak Hendra as Regent' frame on my profile picture. As a civil servant, is that a problem?", "PNS", True),
        # a relative with a post of their own, asked about by an asker who serves; not whether the relative gets punished
        ("Saya PNS, istri saya polisi. Boleh dia ikut kampanye capres?", "TNI-Polri", True),
        ("Suami saya PNS, saya pedagang ikan, bukan pegawai. Saya mau ikut kampanye; apakah suami saya bisa kena sanksi?", "warga", True),
        # a member of the DPR is a state official (UU 5/2014 Pasal 122 huruf c); a candidate for it is not
        ("Anggota DPR RI dari dapil kita mau ikut kampanye paslon bupati. Perlu izin dulu?", "pejabat-negara", True),
        # whether the asker's act gets a relative punished, or the relative's post binds the asker
        ("My wife is a PNS teacher. A campaign team asked me to hang their banner at my stall. Will it get my wife punished?", "warga", True),
        ("My husband is a PNS at the land office. I run a shop and want to join a candidate's team. Does his PNS status stop me?", "warga", True),
        # a trade of one's own; one who also serves is that servant
        ("Saya petani biasa. Kemarin tim cagub mengajak kami ke acara dialog. Apakah saya boleh ikut?", "warga", True),
        ("Saya PNS di dinas pertanian dan di rumah saya juga petani. Bolehkah saya ikut kampanye cabup?", "PNS", True),
        # a chat greeting, then what the asker is not
        ("honorary teacher at a state school here (not PNS, not PPPK). can i post support for a candidate?", "warga", True),
        # the asker is a relative of one who holds a post: a family member, unless the question asks about the relative
        ("Saya istri anggota Polri. Kemarin saya ikut syukuran kemenangan calon wali kota. Apakah saya melanggar?", "warga", True),
        ("I'm a police officer's husband. May I hand out a candidate's flyers at the market?", "warga", True),
        ("I am the wife of a village head. Can I join a regent candidate's campaign team?", "warga", True),
        ("Saya istri anggota TNI. Suami mau ikut konvoi paslon pakai baju biasa, boleh ga?", "TNI-Polri", True),
        ("Saya guru, suami saya anggota Polri di polsek. Dia diajak tim paslon bicara di pengajian, boleh dia datang?", "TNI-Polri", True),
        # one retired "as" a civil servant is a citizen now
        ("My uncle retired as a civil servant last year and a party asked him to join. Is he allowed?", "warga", True),
        ("Bapak saya sudah purna tugas dari kantor camat. Boleh beliau jadi pengurus partai?", "warga", True),
        ("My aunt left the civil service on her pension. Can she volunteer for a candidate?", "warga", True),
        ("Sudah tidak lagi PNS sejak Juni, boleh ikut tim sukses?", "warga", True),
        ("Once a civil servant retires, may he stand as a legislative candidate?", "warga", True),
        ("I'm now on a state pension after thirty years at the tax office. May I join a party?", "warga", True),
        # ... but a serving PNS asking about the time after retiring is a PNS today
        ("Saya PNS, setelah pensiun nanti boleh masuk partai?", "PNS", True),
        # "is she right?" asks whether what someone said is so: not about the official in the story, nor about the wife
        ("I'm a PNS teacher. My wife says I may join a candidate's WhatsApp campaign group. Is she right?", "PNS", True),
        ("I'm a contract cleaner, not a PNS. A mayoral pair asked me to hand out flyers and my supervisor says I can't. Is she right?",
         "warga", True),
        # one appointed as PPPK, the name left out
        ("Saya Rina, diangkat PPPK di dinas sosial tahun lalu. Saya bukan PNS, jadi boleh ikut tim sukses?", "PPPK", True),
        # a PPPK whose contract has ended is a citizen; one whose contract will end is still a PPPK
        ("Kontrak PPPK saya sudah berakhir Januari dan tidak diperpanjang. Boleh ikut tim pemenangan cabup?", "warga", True),
        ("My government contract expired last year. Can I hand out flyers for a mayoral pair?", "warga", True),
        ("Saya PPPK, kontrak saya habis bulan depan. Boleh ikut tim pemenangan cabup?", "PPPK", True),
        # one's own trade, then what one is not in brackets
        ("My wife is a soldier. I'm a freelance photographer (self-employed, not ASN). May I shoot a candidate's rally?", "warga", True),
        # a relative who held a post until retiring
        ("My uncle was lurah until he retired in May. A pair wants him on their team; is he still bound?", "warga", True),
        # a chat that opens with what the asker is not
        ("not asn, i work at a private bank. can i send 10 juta to my cousin's campaign fund?", "warga", True),
        ("Bukan PNS. Saya mau tanya, boleh jadi relawan paslon?", "warga", True),
        ("Saya bukan pns tapi suami saya PNS. Boleh saya ikut kampanye?", "warga", True),
        # a housewife in chat spelling whose husband serves asks about her own act
        ("suami sy PNS di kecamatan, sy ibu rmh tangga. sy mau jd bendahara partai, boleh?", "warga", True),
        ("suami PNS, sy irt. boleh ikut kampanye?", "warga", True),
        # whether a relative's ban reaches the family: the asker is the family
        ("my dad's a cop so he can't vote. I just turned 18, does that ban cover the family too?", "warga", True),
        ("Suami saya polisi. Larangan itu berlaku juga untuk keluarganya?", "warga", True),
        ("My dad is a cop. Can he vote in the pemilu?", "TNI-Polri", True),
        # a chat's interjection before the subject
        ("wait, is the sitting president actually allowed to campaign for a candidate??", "pejabat-negara", True),
        ("hmm so can a village head join a campaign?", "kepala-desa", True),
        # ... or how long the office has been held
        ("new mayor sworn in 2 months ago wants to swap out the agency heads who backed his rival. can he?", "kepala-daerah", True),
        # a candidate asker who asks about a relative who serves: about him
        ("suami sy anggota polri, sy caleg DPRD. pas hari coblosan dia blh nyoblos nama sy kan?", "TNI-Polri", True),
        ("Saya caleg DPRD. Boleh saya pasang baliho di rumah?", "calon", True),
        # the asker retired, told later in the sentence that opens with them; a father who has retired is not the asker
        ("Saya Pak Yohanes, dulu kepala dinas, dan sejak tahun lalu sudah pensiun sebagai PNS. Boleh saya pimpin tim sukses?", "warga", True),
        ("Saya PNS, ayah saya sudah pensiun. Boleh saya ikut kampanye?", "PNS", True),
        # a servant who says he stays out of what his wife, no servant, does: the question is about her
        ("Saya PNS. Istri saya ibu rumah tangga, bukan ASN, mau jadi relawan paslon. Saya sendiri tidak ikut. Boleh?", "warga", True),
        # the training one has just finished for a post
        ("aku baru lulus diktuk bintara polri. boleh nyoblos capres?", "TNI-Polri", True),
        ("I just graduated from the police academy. Can I vote for president?", "TNI-Polri", True),
        # the one servant the question tells of, who passed the CPNS test and is now a PNS, asked about by one who is none
        ("My father passed the CPNS test and was made a full PNS last year. I'm a student, not a civil servant. My uncle runs "
         "as an independent. Is he allowed to sign the support form with a KTP copy?", "PNS", True),
        # a chat that opens with the office one was just sworn into, with no "I"
        ("baru dilantik jadi wali kota bulan lalu, mau rombak kepala dinas, perlu izin siapa?", "kepala-daerah", True),
        # a relative told by name and asked about by that name: the act asked about is theirs
        ("My name is Budi, a PNS teacher. My daughter Sari is 22 and works at a bakery. A legislative candidate's team wants "
         "her as a paid volunteer. Is Sari allowed to do it?", "warga", True),
        ("Saya PNS di dinas pertanian. Adik saya, Rudi, baru lulus kuliah. Tim paslon memintanya jadi relawan. Boleh nggak Rudi ikut?",
         "warga", True),
        ("Saya PNS. Anak saya Budi ikut tim paslon. Apakah saya boleh ikut membantu?", "PNS", True),
        # a relative who serves, told after what they do, and asked about as theirs to decide
        ("My wife teaches at a state school and is a PNS; I'm an army sergeant. She wants to go to the rally in the party "
         "T-shirt on Saturday. That's her private time, right?", "PNS", True),
        ("Suami saya polisi, saya PNS. Dia mau ikut kampanye hari Minggu, itu kan hak pribadi dia?", "TNI-Polri", True),
        # one who works for an official asks about "beliau" / "he": about that official
        ("Saya staf pribadi seorang bupati. Beliau mendaftar lagi untuk periode kedua. Apakah beliau tetap wajib cuti?", "kepala-daerah", True),
        ("Saya staf protokol (PNS) di Setda. Bupati kami maju lagi. Benarkah beliau tidak wajib cuti?", "kepala-daerah", True),
        ("I'm an aide to a bupati who is not running. He wants to speak at a rally. Is he allowed to do this?", "kepala-daerah", True),
        # ... one who serves an official in person, also when the asking sentence asks about "his way" or "that"
        ("Saya ajudan bupati yang maju lagi. Beliau sudah cuti dan berkampanye dengan mobil pribadi. Apakah cara kampanye beliau melanggar?",
         "kepala-daerah", True),
        ("I'm special staff to a minister who sits on his party's board. He will speak at a rally on Sunday, on no leave. Is that allowed?",
         "pejabat-negara", True),
        # ... not any member of staff, nor an aide who asks about their own act
        ("Saya staf di dinas perizinan. Kepala dinas dekat dengan paslon bupati dan beliau minta izin tim itu didahulukan. Ini boleh?", "pejabat-asn", True),
        ("Saya ajudan bupati. Beliau maju lagi. Apakah saya boleh ikut mendampingi beliau kampanye?", "PNS", False),
        ("Saya staf khusus menteri. Hari Minggu beliau ingin berorasi di kampanye capres. Apakah UU Pemilu membolehkannya?", "pejabat-negara", True),
        # ... also when the asking sentence names neither "he" nor "that", from one who holds no post of our actors
        ("I'm a policy adviser to a governor who is a party member. She plans to speak at a legislative rally next week. "
         "What does the law require?", "kepala-daerah", True),
        # the post the asker held, then that they retired: a private citizen (not one who will retire, nor one taken on again)
        ("Until March I was the regional secretary (Sekda); I retired on reaching the age limit. Can I join the campaign team?", "warga", True),
        ("Saya dulu kepala dinas, saya sudah pensiun. Boleh jadi tim sukses?", "warga", True),
        ("Saya kepala dinas, saya pensiun tahun depan. Boleh jadi tim sukses?", "pejabat-asn", True),
        # a bank teller of a state-owned enterprise
        ("sy teller bank bumn, staf biasa bkn pejabat. boleh gk repost ig paslon gubernur?", "karyawan-bumn", True),
        # a story of an official's act, asked about as theirs
        ("I run the admin office of a hospital. A minister made an official visit on Friday and spoke at a rally the next day. "
         "Was his Saturday rally appearance allowed?", "pejabat-negara", True),
        # one who works for an official and asks about "my boss": about that official
        ("I work as an aide to a minister who is a party cadre. He wants to speak at a rally on Sunday. Is my boss allowed to do this?",
         "pejabat-negara", True),
        # "pensiun PNS" without "dari": retired
        ("sy pensiun PNS bln kmrn (BUP). mau jd saksi paslon 2 di TPS dkt rmh, msh kena aturan netralitas?", "warga", True),
        # a village head who names the village between "head of" and "village"
        ("I'm the head of Sukamaju village in Brebes. May I lend the hall to a DPR candidate?", "kepala-desa", True),
        # a claim someone made about a post, which the question checks: about those who hold it
        ("td ngopi di polsek, senior bilang polisi ga boleh nyoblos pas pemilu. emg iya? sy kan udh 20 thn", "TNI-Polri", True),
        ("My uncle said soldiers cannot vote in the election. Is that true?", "TNI-Polri", True),
        ("Kata teman, kades dilarang ikut kampanye. Bener gak?", "kepala-desa", True),
        # a servant whose relative is no servant asks whether the relative's act is lawful and he answers for it
        ("My wife is a housewife; I'm a civil servant. She hands out a pair's flyers. Is my wife doing anything illegal, "
         "and can I be punished for what she does?", "warga", True),
        # a denial covers the list it opens: none of the posts it names is the asker's
        ("I'm an honorary teacher at a state school. I'm not a civil servant, PPPK or village official. May I be a party's witness?",
         "honorer", True),
        ("Saya bukan PNS, PPPK, atau perangkat desa. Boleh jadi saksi partai di TPS?", "warga", True),
        # one who has left the service, told in a chat: a relative's retirement after their post, a contract that ran
        # out, a resignation that took effect; not one still to come
        ("Ibu saya guru PNS, pensiun BUP tahun lalu. Boleh jadi saksi paslon di TPS?", "warga", True),
        ("Ayah saya guru PNS, pensiun tahun depan. Boleh jadi saksi paslon di TPS?", "PNS", True),
        ("kontrak PPPK aku abis bulan Maret lalu, ga diperpanjang. boleh ikut kampanye caleg?", "warga", True),
        ("Saya sudah resmi keluar dari PNS sejak tahun lalu. Boleh masuk partai?", "warga", True),
        ("I have already resigned from the civil service. May I join a party?", "warga", True),
        # an honorary worker who also holds a post the law binds is bound by that post
        ("Pagi saya guru honorer di SD. Sore saya kaur keuangan di desa. Boleh ikut tim kampanye calon DPD?", "perangkat-desa", True),
        ("I'm an honorary teacher and I'm also the village secretary. May I join a campaign team?", "perangkat-desa", True),
        ("Saya bukan PNS, saya PPPK. Boleh jadi saksi partai di TPS?", "PPPK", True),
        # the question after a clause that sets its time asks about the one it names
        ("During the six months before KPU sets the candidate pairs, can our regent appoint an acting head?", "kepala-daerah", True),
        ("Selama masa kampanye, bolehkah kepala desa ikut kampanye?", "kepala-desa", True),
        ("My neighbour, our regent, asked me to hand out flyers. Can I?", "PNS", False),
        # what a relative said or did, asked about: about them ("Apakah ucapan suami saya itu termasuk pelanggaran?")
        ("Suami saya anggota TNI AD, saya ibu rumah tangga. Suami bilang ke warga jangan lupa balas budi di TPS. "
         "Apakah ucapan suami saya itu termasuk pelanggaran?", "TNI-Polri", True),
        ("My husband is a soldier and I am a housewife. He told voters to repay the pair. Was my husband's speech a breach?",
         "TNI-Polri", True),
        # an acting regional head named by "Pj" alone, once told; not an acting village head
        ("I'm on the staff of our acting regent (Pj bupati). Floods hit three sub-districts. Can the Pj go ahead with the aid?",
         "pejabat-asn", True),
        ("Saya PNS kecamatan yang ditunjuk sebagai penjabat (Pj) kepala desa. Boleh saya kumpulkan warga untuk calon?", "PNS", True),
        # the post one was sworn into, told with "saya", beside "not a civil servant": that post, not a citizen
        ("Saya baru dilantik jadi kaur keuangan di desa, bukan ASN, cuma perangkat desa. Boleh jadi korlap kampanye paslon?",
         "perangkat-desa", True),
        # the official who did the act the story tells, after a word of manner ("langsung") and in a chat verb ("nunjuk")
        ("Kepala dinas kami wafat bulan lalu. Biar layanan tidak macet bupati (petahana) langsung nunjuk sekretaris dinas jadi Plt. "
         "Ada yang bilang ini melanggar. Bener?", "kepala-daerah", True),
        # a post in quotes is the post
        ("I'm an 'honorer' at the district office: not PNS, not PPPK. Can I join a regent candidate's team on weekends?", "honorer", True),
        # ... after words that announce the topic
        ("Question about a minister who is also a party official: can she speak at her party's rally on a Saturday?", "pejabat-negara", True),
        ("mau tanya soal kades yang ikut kampanye, boleh?", "kepala-desa", True),
        # ... or with the term served before the post
        ("I'm a second-term governor, not a candidate this year. May I speak at my party's rally?", "kepala-daerah", True),
        ("i'm a newly elected mayor. can i campaign for my party's governor pair?", "kepala-daerah", True),
        # "abang" is an elder brother when someone's, not the address "bang, ..."
        ("abang gw polisi, katanya dia ga boleh nyoblos di pemilu. bener?", "TNI-Polri", True),
        ("bang, pns boleh nyoblos?", "PNS", True),
        # the office a relative runs for is not one the asker holds
        ("Saya PNS di BPS. Boleh saya jadi tim pemenangan kakak saya yang mencalonkan diri sebagai anggota DPR RI?", "PNS", True),
        ("I'm a PNS teacher. My brother is running as a DPRD member again. Can I help his team?", "PNS", True),
        # a section head of a village's government is one of its officials, not a civil servant in a post
        ("Saya Kasi Pemerintahan di desa. PPS minta data warga yang pindah, boleh saya kasih?", "perangkat-desa", True),
        ("Saya kepala seksi kesejahteraan desa, boleh ikut tim kampanye?", "perangkat-desa", True),
        # the office a candidate runs for is no official who acts ("... so a prospective candidate for regent can reach the threshold")
        ("Camat told us staff to collect residents' ID copies so a prospective candidate for regent can meet the support threshold. "
         "Is that something I can do as part of my job?", "PNS", False),
        # a letter: its addressee is neither the asker nor the one asked about, and its request asks
        ("To the Head of the Personnel Agency. Our village head signed a decision that favours one candidate. Kindly advise whether "
         "this is allowed.", "kepala-desa", True),
        ("Dengan hormat, Wali Kota kami sudah terdaftar di tim kampanye pasangan calon presiden. Mohon penjelasan apakah Wali Kota "
         "diperbolehkan ikut berkampanye.", "kepala-daerah", True),
        # a chat that opens with what the asker is not, an article between ("Not a civil servant: I work at a private bank")
        ("Not a civil servant: I work at a private bank. A friend running for the DPRD wants me to MC his event. Any rule for me?",
         "warga", True),
        # a colleague told with their status, asked about without a word of the asker; not when the asker asks of themselves
        ("rekan kerja saya CPNS ternyata jadi pengurus partai di desanya. katanya CPNS belum PNS jadi bebas. emang iya?", "CPNS", True),
        ("My colleague, a PPPK nurse, turned out to chair a party branch. People say contract staff are free to. Is that true?",
         "PPPK", True),
        ("Saya PNS. Rekan saya PPPK ikut kampanye. Apakah saya boleh ikut juga?", "PNS", True),
        # one honourably discharged is no longer a civil servant
        ("SK pemberhentian dengan hormat saya sudah terbit sejak saya mundur untuk nyaleg DPRD. Sekarang boleh ikut kampanye partai?",
         "warga", True),
        ("I was honourably discharged from the civil service after resigning to run for the DPD. May I now join a party?", "warga", True),
        # "as a PNS" asked of a relative who has retired is the relative's old post
        ("My mother retired from the civil service in March. A party wants her as a DPRD candidate. Does she still have to resign as "
         "a PNS?", "warga", True),
        # "us PNS nurses" are the askers, not the candidate the story names first
        ("A candidate for governor collapsed at a rally and was brought to our ER. Is it OK for us PNS nurses to treat him?", "PNS", True),
        # a relative told as a former civil servant, or as one who resigned from the service, is no civil servant
        ("Om sy mantan PNS, udh mundur krn ditetapin KPU jd calon bupati. Skrg dia boleh kampanye kan?", "warga", True),
        ("Paman saya mantan PNS dan sekarang maju pilkada. Boleh dia kampanye?", "warga", True),
        ("My father resigned from the civil service when KPU set him as a candidate. May he hold rallies now?", "warga", True),
        # the level of government before the office does not hide the one asked about
        ("A provincial governor who belongs to a party plans to join the presidential campaign in 2024. Is he allowed to, and under "
         "what conditions?", "kepala-daerah", True),
        # whether the asker answers for a relative's act she took no part in: the relative's act; not when she helped
        ("Suami sy masuk tim sukses paslon walkot. Sy PNS. Apa sy bisa kena sanksi gara2 suami timses? Sy gak ikut2 kegiatannya.",
         "warga", True),
        ("Suami sy timses paslon. Sy PNS. Apa sy bisa kena sanksi gara2 suami? sy ikut bantu bikin spanduk.", "PNS", True),
        # a civil-servant candidate, with a hyphen, is a CPNS, not a candidate's office
        ("A civil-servant candidate (CPNS) handed out a pair's calendars at work. Does the discipline regulation apply?", "CPNS", True),
        # a relative told with their work and its place before their status ("guru SD PNS")
        ("Istri saya guru SD PNS. Saudaranya nyaleg DPRD, minta istri bantu bagi sembako. Masih dilarang?", "PNS", True),
        # a chat opening "pak sy ..." greets; it names no father
        ("pak sy PNS di dinas, di rumah jd ketua RW. boleh gak sy ajak warga pilih paslon 1 di grup? kan sy ngomong sbg ketua RW "
         "bukan sbg PNS", "PNS", True),
        # the asker's status said to last ("status saya masih PNS") binds beside a village post
        ("Sy sekdes, status sy masih PNS. Ada parpol yg mau usung sy jd calon wakil bupati. Cukup cuti aja kan?", "PNS", True),
    ],
)
def test_actor_is_read_from_the_question(question: str, actor: str, explicit: bool) -> None:
    got, is_explicit, _, _ = detect_actor(question)
    assert (got, is_explicit) == (actor, explicit)


@pytest.mark.parametrize(
    ("question", "years", "past"),
    [
        ("Kasus saya tahun 2019, pakai aturan lama atau PP 94?", (2019,), True),
        ("Back then, under the old rules, what was the punishment?", (), True),
        # "dulu" is also "first" ("mundur dulu"), and "at the time" tells of any earlier moment
        ("PNS mau masuk partai harus mundur dulu?", (), False),
        ("Setahun setelah pilkada saya dinonjobkan karena dulu tidak mendukung bupati terpilih", (), False),
        ("At the time I was only a volunteer; I joined the civil service after", (), False),
        ("Saya dihukum sebelum 2021", (2020,), False),
        # a regulation's number names the law, not the time of the act; a date is a time
        ("Bagaimana kualifikasinya menurut PP 94/2021 dan UU No. 7 Tahun 2017 pada pilkada 2020?", (2020,), False),
        ("Saya ikut kampanye pada 2/3/2020, kena PP yang mana?", (2020,), False),
    ],
)
def test_the_time_a_question_speaks_of(question: str, years: tuple[int, ...], past: bool) -> None:
    from kb.actors import detect_time

    assert detect_time(question) == (years, past)


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Kepala dinas menyuruh staf hadir kampanye. Bagaimana kualifikasi pelanggarannya dan siapa yang menghukum?", True),
        ("Apakah itu melanggar?", True),
        ("Kepala dinas menyuruh staf hadir kampanye. Bagaimana prosedur pemeriksaannya?", False),
    ],
)
def test_a_question_asking_whether_an_act_is_a_breach(question: str, asks: bool) -> None:
    from kb.actors import asking_part, asks_breach

    assert asks_breach(asking_part(normalise(question))) is asks


@pytest.mark.parametrize(
    ("question", "stage"),
    [
        ("Bolehkah PNS hadir deklarasi bakal calon sebelum ditetapkan KPU?", "bakal-calon"),
        ("Dua bulan sebelum KPU menetapkan paslon, bupati memutasi kepala dinas. Boleh?", "bakal-calon"),
        ("Can I like a prospective candidate's post before the KPU confirms them?", "bakal-calon"),
        ("Three months before KPU is due to set the candidate pairs, the regent handed out aid. Allowed?", "bakal-calon"),
        ("Boleh ikut kampanye saat masa tenang?", "masa-tenang"),
        ("Is campaigning allowed during the quiet period?", "masa-tenang"),
        ("Bolehkah PNS foto di TPS pada hari pencoblosan?", "pemungutan"),
        ("The KPU has not set any candidates yet; may I attend a declaration?", "bakal-calon"),
        ("KPU belum menetapkan calon, boleh hadir deklarasi?", "bakal-calon"),
        ("Can I wear party colours on voting day?", "pemungutan"),
        ("bsk nyoblos pilkada. sy boleh ikut masuk bilik nemenin bapak?", "pemungutan"),  # "tomorrow we vote": the day
        ("Bolehkah memberi selamat setelah pemilihan?", "setelah"),
        ("Bupati sudah ditetapkan KPU sebagai calon, boleh kampanye?", "kampanye"),
        ("during the campaign period can a regent campaign?", "kampanye"),
        ("Bolehkah PNS ikut kampanye?", None),
        # an elected head in office is after the election, whatever period the story recalls
        ("Saya dilantik sebagai bupati Februari lalu. Waktu kampanye kepala dinas mendukung lawan. Boleh saya ganti?", "setelah"),
        ("Setelah menang pilkada, bolehkah wali kota langsung mengganti camat?", "setelah"),
        ("I was sworn in as regent in February; during the campaign two agency heads backed my rival. Can I replace them?", "setelah"),
        ("The mayoral election is over and the new mayor was sworn in. During the campaign I kept away from it all. May I greet him now?", "setelah"),
        ("Our new regent was inaugurated last week; during the campaign he promised us a bonus. Can we accept it?", "setelah"),
        # a PNS or an official is "dilantik" too: that is no election stage
        ("Saya baru dilantik jadi kepala seksi. Bolehkah ikut kampanye selama masa kampanye?", "kampanye"),
        # a count not yet announced is after the vote; the candidates not yet announced are before confirmation
        ("Voting was yesterday and KPU has not announced the result yet. May we hold a thanksgiving?", "setelah"),
        ("The quick count is out. May I congratulate the winner on Facebook?", "setelah"),
        ("The KPU has not announced the candidates yet; may I attend a declaration?", "bakal-calon"),
        # the winner set by KPU closes the window of UU 10/2016 Pasal 71 ayat (3): after the vote, not the campaign
        ("KPU udh netapin paslon terpilih. bupati lama mau launching program bantuan, boleh?", "setelah"),
        ("After KPU set the winning pair, can the outgoing regent launch a programme?", "setelah"),
        ("After KPU confirmed the candidates, may I share his video?", "kampanye"),
        ("My husband's pair won; the KPU declared them elected. May I stand beside him at the swearing-in?", "setelah"),
        # the confirmation still ahead, counted in months or weeks
        ("Penetapan paslon oleh KPU tinggal dua bulan lagi, bupati merotasi camat. Boleh?", "bakal-calon"),
        ("Two months before KPU fixes the candidate pairs, may the mayor rotate agency heads?", "bakal-calon"),
        # ... or told as still to come ("will set", "akan menetapkan", "dijadwalkan"): naming "the candidate pairs" then confirms nothing
        ("Our regent is running again, and the KPU will set the candidate pairs on 22 September. May he replace the hospital director?", "bakal-calon"),
        ("KPU baru akan menetapkan pasangan calon bulan depan. Bolehkah bupati memutasi kepala dinas?", "bakal-calon"),
        ("Penetapan paslon dijadwalkan 22 September. Bolehkah bupati memutasi pejabat?", "bakal-calon"),
        # the period the story happens in comes first; a later stage is what was said about it
        ("During the campaign period the village head told residents to repay the candidate on polling day. Allowed?", "kampanye"),
        ("Pada masa kampanye kades bilang warga harus membalas budi calon di hari pencoblosan. Boleh?", "kampanye"),
        # a candidate on the final list (DCT) has been confirmed
        ("Caleg itu sudah masuk DCT, boleh saya share videonya?", "kampanye"),
        # the campaign told as running, or with the election named between
        ("While the campaign is on, may I wear a candidate's cap at the market?", "kampanye"),
        ("during the regional election campaign, can a camat attend a rally?", "kampanye"),
        ("Di tengah kampanye, bolehkah kepala desa membagikan beras?", "kampanye"),
        ("My daughter's wedding is at our house right in the middle of the Pilkada campaign. May my uncle, a candidate, come?", "kampanye"),
        # a campaign period not yet begun: campaigning is for its period, and the candidates are still to be confirmed
        ("Bupati sudah mendaftar lagi ke KPU, tapi masa kampanye belum mulai. Boleh saya pasang spanduknya?", "bakal-calon"),
        ("Kampanye pilkada belum dimulai, bolehkah PNS hadir di acara silaturahmi calon bupati?", "bakal-calon"),
        ("Sebelum masa kampanye, camat membagikan kalender bergambar wajahnya. Boleh?", "bakal-calon"),
        ("The campaign hasn't started yet. May I share his video?", "bakal-calon"),
        ("Before the campaign period, can I put his banner on my fence?", "bakal-calon"),
        # a campaign told as over is not the stage: what follows it is
        ("Masa kampanye pilkada sudah selesai dan sekarang masa tenang. Bolehkah bupati kembali ke kantor?", "masa-tenang"),
        ("Masa kampanye tinggal seminggu lagi. Boleh saya pasang baliho?", "kampanye"),
        # "pas" is chat for "saat"
        ("Emang bener nakes PNS gak boleh jalanin posyandu rutin pas kampanye?", "kampanye"),
        # ... and the campaign told as begun, before an "until after the vote" later in the question
        ("The Pilkada campaign has started. Must we postpone the posyandu visits until after the vote?", "kampanye"),
        ("Kampanye pilkada sudah dimulai. Apa imunisasi harus ditunda sampai setelah pencoblosan?", "kampanye"),
    ],
)
def test_stage_is_read_from_the_question(question: str, stage: str | None) -> None:
    assert detect_stage(question)[0] == stage


@pytest.mark.parametrize(
    ("question", "election"),
    [
        ("Bolehkah PNS ikut kampanye calon bupati?", "pilkada"),
        ("gw pns jadi timses cabup boleh?", "pilkada"),
        ("Can I join a regent candidate's rally?", "pilkada"),
        ("Bolehkah ASN jadi tim kampanye caleg?", "pemilu"),
        ("Can a civil servant campaign for a DPRD candidate?", "pemilu"),
        ("Pemilu 2024: boleh ikut kampanye?", "pemilu"),
        ("The mayor's re-election campaign team asked me to help. Can I?", "pilkada"),
        ("Our governor's campaign office called all village officials.", "pilkada"),
        ("Bolehkah PNS ikut kampanye?", None),
        ("capres atau cabup, sama saja?", None),
        # a seat someone holds is not the election asked about
        ("Anggota DPR RI dari dapil kita mau ikut kampanye paslon bupati. Perlu izin?", "pilkada"),
        ("A DPRD member wants to speak at a governor candidate's rally. Is that allowed?", "pilkada"),
        # a regional head running for the same office again; not one who cannot
        ("Our mayor is running for a second term. Must he take leave?", "pilkada"),
        ("Bupati kami mau maju lagi, boleh ganti kepala dinas?", "pilkada"),
        ("Bupati kami sudah dua periode jadi tidak bisa maju lagi. Boleh jadi jurkam?", None),
        # the chat names of a regional election
        ("pak kades mau maju pilbup, cukup cuti aja?", "pilkada"),
        ("can we vote in the pilgub?", "pilkada"),
        ("boleh share poster pilwalkot?", "pilkada"),
        # a regional pair or ticket, and an election told with "upcoming" or "next" before it
        ("I'm a volunteer on a mayoral pair's campaign team. Is the iftar meal vote buying?", "pilkada"),
        ("Parties want me to run in this regency's upcoming election.", "pilkada"),
        # the regional-head election, hyphenated or not
        ("In a regency holding a regional-head election, the village head sent a letter to all RT heads.", "pilkada"),
    ],
)
def test_election_is_read_from_the_question(question: str, election: str | None) -> None:
    assert detect_election(question)[0] == election


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Can I use an official car for a campaign?", "en"),
        ("Bolehkah PNS memakai mobil dinas untuk kampanye?", "id"),
        ("gw pns, boleh gak nge-like postingan paslon?", "id"),
        ("Is it ok if my wife joins the PDIP campaign?", "en"),
        ("PNS kampanye", "id"),
    ],
)
def test_language_is_detected(question: str, lang: str) -> None:
    assert detect_language(question) == lang


# ---------------------------------------------------------------------------- who a rule answers


def test_a_permission_answers_only_the_actor_it_was_written_for(base) -> None:  # noqa: ANN001
    warga = base.by_id["warga-ikut-kampanye"]
    assert warga.binds("PNS") and not applies(warga, "PNS") and applies(warga, "warga")
    asn = base.by_id["asn-anggota-partai"]
    assert applies(asn, "PPPK") and applies(asn, "PNS") and applies(asn, "pejabat-asn") and not applies(asn, "kepala-desa")
    assert specificity(base.by_id["pns-ikut-kampanye"], "PNS") == 3 and specificity(asn, "PNS") == 2
    assert specificity(base.by_id["kepala-desa-ikut-kampanye"], "PNS") == 0
    # a permission for private citizens binds a candidate only as any person: it does not answer him
    assert warga.binds("calon") and not applies(warga, "calon")


# ---------------------------------------------------------------------------- matching (stand-in embedder)


def test_the_same_act_asked_five_ways_gets_one_verdict(matcher: RuleMatcher) -> None:
    decisions = [matcher.decide(q) for q in OFFICIAL_CAR]
    assert {d.verdict for d in decisions} == {"prohibited"}
    assert {d.rule.id for d in decisions} == {"pns-fasilitas-negara-kampanye"}


def test_changing_only_the_actor_changes_the_verdict(matcher: RuleMatcher) -> None:
    pns = matcher.decide("Saya PNS dan sudah cuti, boleh ikut kampanye pada masa kampanye?")
    regent = matcher.decide("Saya bupati dan sudah cuti, boleh ikut kampanye pada masa kampanye?")
    assert pns.verdict == "prohibited" and regent.verdict == "allowed"
    assert regent.rule.id == "kepala-daerah-kampanye-cuti" and regent.facts.actor == "kepala-daerah"
    village = matcher.decide("Saya kepala desa, boleh jadi tim sukses calon legislatif?")
    assert village.verdict == "prohibited" and village.rule.id == "kepala-desa-ikut-kampanye"
    wife = matcher.decide("Istri saya bukan PNS, boleh ikut kampanye pada masa kampanye?")
    assert wife.verdict == "allowed" and wife.rule.id == "warga-ikut-kampanye"


def test_leave_never_makes_campaigning_lawful_for_a_pns(matcher: RuleMatcher) -> None:
    for q in LEAVE_PNS:
        d = matcher.decide(q)
        assert d.verdict != "allowed" and all(o.candidate.rule.verdict != "allowed" or o.condition == "actor" for o in d.options), q
        assert d.verdict == "prohibited", q


def test_nonsense_gets_no_clear_rule(matcher: RuleMatcher) -> None:
    for q in [*NONSENSE, "", "   "]:
        d = matcher.decide(q)
        assert d.verdict == "unclear" and d.rule is None and d.reasons, q


@pytest.mark.parametrize(
    "question",
    [
        "How many days of annual leave does a civil servant get?",
        "Berapa lama cuti melahirkan untuk PNS perempuan?",
        "Apakah tunjangan kinerja dipotong kalau terlambat masuk kantor?",
    ],
)
def test_civil_service_questions_outside_elections_are_not_answered_by_election_rules(matcher: RuleMatcher, question: str) -> None:
    d = matcher.decide(question)  # "cuti" is close to "campaigning on leave", but nothing here is about an election
    assert d.verdict == "unclear" and d.reasons == ["not_about_elections"]
    assert matcher.decide("Berapa lama cuti PNS untuk ikut kampanye?").reasons != ["not_about_elections"]
    assert matcher.decide("Ibu saya dikasih amplop, katanya nanti nyoblosnya sesuai hati. Aman kan?").reasons != ["not_about_elections"]


@pytest.mark.parametrize(
    "question",
    ["Kepala dinas kumpulkan staf dan bilang kalau mau aman, pilih nomor 2", "aku disuruh milih paslon 1 sama atasan",
     # chat words for candidates, also with an English possessive
     "can i drop a 'gas pak!' comment on a DPR caleg's tiktok live?", "boleh komen di live cagub?",
     # the quiet days before the vote and a ballot number are the election's
     "boleh ASN posting 'besok jangan lupa no. 3' pas minggu tenang?", "can I post my favourite ballot number during the quiet period?",
     # a race for an office is an election
     "He'll quit next month and register for the governor race. Can he just resign and run?",
     # the polling-station and village election committees are the election's
     "Saya PNS, diminta PPS jadi anggota KPPS. Boleh?",
     # taking office after the vote, in English as "dilantik" is in Indonesian
     "new mayor sworn in 2 months ago wants to swap out the agency heads. can he?",
     # a hopeful, backing one, declaring oneself
     "Can a civil servant hand over a KTP copy backing an independent DPD hopeful?", "My husband's declaring for the DPRD. Can I attend?",
     # standing for an office named right after "maju", or by the independent path
     "sy kabid mau maju bupati, hrs resign dr pns ga?", "Jamaah mendorong saya maju lewat jalur perseorangan. Harus berhenti dari PNS?",
     # picking someone for an office
     "some volunteer sent 100k to my e-wallet & said 'pick no. 3 for regent ok'. i just took it. receiving isnt a crime right?"],
)
def test_choosing_whom_to_vote_for_is_about_elections(question: str) -> None:
    from kb.actors import domain_words

    assert domain_words(question) is not None
    assert domain_words("Bagaimana cara mengurus kenaikan pangkat?") is None
    assert domain_words("Is backing up the office files on a weekend paid as overtime?") is None
    assert domain_words("The regent opened a new bridge in our village. Who paid for it?") is None


def test_a_weak_best_rule_gives_no_clear_rule(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    m = RuleMatcher(base, HashEmbedder(), None, Thresholds())  # the e5 thresholds
    _forced(m, monkeypatch, [("pns-ikut-kampanye", 0.18, 0.80, 2.0), ("asn-anggota-partai", 0.15, 0.79, 1.0)])
    d = m.decide("bolehkah PNS ikut kampanye?")
    assert d.verdict == "unclear" and d.reasons == ["no_close_rule"] and d.rule is None



def test_a_weak_first_fit_does_not_hide_a_close_one_behind_it(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """The answer is the first rule in the ranking that fits and is close enough: a fitting rule
    ranked first only by its words, too far in meaning to answer, leaves the answer to one behind
    it that is close (a long story about a camat's broadcast ranks the superior's rule first and
    the ban on urging votes second); with none close, it is no clear rule."""
    m = RuleMatcher(base, HashEmbedder(), None, Thresholds())  # the e5 thresholds
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.80, 4.0), ("pns-ikut-kampanye", 0.16, 0.86, 2.0)])
    d = m.decide("bolehkah PNS ikut kampanye?")
    assert d.verdict == "prohibited" and d.rule is not None and d.rule.id == "pns-ikut-kampanye"
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.80, 4.0), ("pns-ikut-kampanye", 0.16, 0.81, 2.0)])
    assert m.decide("bolehkah PNS ikut kampanye?").reasons == ["no_close_rule"]


def test_depends_on_the_stage_lists_both_rules(matcher: RuleMatcher) -> None:
    d = matcher.decide("Saya bupati, boleh ikut kampanye?")
    assert d.verdict == "depends" and d.reasons == ["stage_decides"]
    by_rule = {o.candidate.rule.id: o for o in d.options}
    assert set(by_rule) == {"kepala-daerah-kampanye-cuti", "kepala-daerah-kampanye-masa-tenang"}
    assert by_rule["kepala-daerah-kampanye-cuti"].value == ("kampanye",)
    assert matcher.decide("Saya bupati, boleh ikut kampanye pada masa tenang?").verdict == "prohibited"


def test_a_rule_that_says_unclear_gives_unclear_with_its_reason(matcher: RuleMatcher) -> None:
    d = matcher.decide("Bolehkah PNS datang ke pernikahan saudara yang dihadiri calon bupati?")
    assert d.verdict == "unclear" and d.rule is not None and d.rule.id == "pns-hadir-acara-keluarga-calon"
    assert d.reasons == ["rule_unclear"]


def test_the_election_picks_the_provision_and_an_open_one_shows_both(matcher: RuleMatcher) -> None:
    pemilu = matcher.decide("Bolehkah ASN masuk tim kampanye calon anggota DPRD?")
    pilkada = matcher.decide("Bolehkah ASN masuk tim kampanye calon bupati?")
    assert (pemilu.verdict, pemilu.rule.id) == ("prohibited", "asn-tim-kampanye-pemilu")
    assert (pilkada.verdict, pilkada.rule.id) == ("prohibited", "asn-tim-kampanye-pilkada")
    open_ = matcher.decide("Bolehkah ASN masuk tim kampanye?")
    assert open_.verdict == "prohibited" and open_.rule.id.startswith("asn-tim-kampanye-")
    assert [(o.condition, o.candidate.rule.id) for o in open_.variants] == [
        ("election", ({"asn-tim-kampanye-pemilu", "asn-tim-kampanye-pilkada"} - {open_.rule.id}).pop()),
    ]


def test_a_rule_of_a_revoked_regulation_answers_only_questions_about_its_time(base) -> None:  # noqa: ANN001
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T, revoked={"UU 5/2014": 2023})  # as if UU 5/2014 were revoked in 2023
    now = m.decide("Bolehkah PNS daftar jadi anggota partai politik?")
    assert now.rule is None or now.rule.id != "asn-anggota-partai"
    for q in ("Tahun 2019 saya PNS daftar jadi anggota partai politik, bagaimana?",
              "Menurut UU 5 tahun 2014, bolehkah PNS daftar jadi anggota partai politik?",
              "Dulu, menurut aturan lama, bolehkah PNS daftar jadi anggota partai politik?",
              "Sebelum 2023 apakah PNS boleh daftar jadi anggota partai politik?"):
        d = m.decide(q)
        assert d.verdict == "prohibited" and d.rule.id == "asn-anggota-partai", q
    assert m.decide("Dulu boleh, tapi tahun 2024 bolehkah PNS daftar jadi anggota partai politik?").rule.id != "asn-anggota-partai"


# ---------------------------------------------------------------------------- deciding (fixed scores)


def _fixture_and(tmp_path: Path, rules: str) -> RuleBase:
    """The fixture rule base with these rules (a TOML text) beside it."""
    (tmp_path / "a.toml").write_text((RULES / "rules_fixture.toml").read_text())
    (tmp_path / "b.toml").write_text(rules)
    return load_rules(tmp_path)


def _answered_without(matcher: RuleMatcher, element: str, *questions: str) -> None:
    """Each question gets no rule, or one whose act lacks `element`."""
    for q in questions:
        d = matcher.decide(q)
        assert d.rule is None or element not in d.rule.elements, (q, d.rule.id)


def _forced(matcher: RuleMatcher, monkeypatch: pytest.MonkeyPatch, rows: list[tuple[str, float, float, float]],
            excepted: frozenset[str] = frozenset(), untold: frozenset[str] = frozenset()) -> None:
    """Make `score` return these candidates (rule id, fused, dense, lexical), in this order;
    `excepted`: the rules whose exception the question states; `untold`: the rules an element
    of whose act the question does not name."""

    def score(facts):  # noqa: ANN001, ANN202
        from kb.rulematch import applies

        out = []
        for rid, fused, dense, lex in rows:
            r = matcher.base.by_id[rid]
            stage_ok = facts.stage is None or r.any_stage or facts.stage in r.stages
            out.append(Candidate(r, fused, dense, lex, r.act.id, dense, applies(r, facts.actor), stage_ok,
                                 element_ok=rid not in untold, excepted=rid in excepted))
        return out

    monkeypatch.setattr(matcher, "score", score)


def test_a_named_actor_s_rule_is_measured_against_the_closest_rule_for_them(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """How far behind the answer may be is measured from the closest rule that binds the actor
    the question names, not from a closer rule for someone else (a PNS rule, for a village head)."""
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("pns-ikut-kampanye", 0.18, 0.9, 3.0), ("kepala-desa-ikut-kampanye", 0.075, 0.89, 2.0)])
    d = m.decide("saya kepala desa, boleh ikut kampanye?")
    assert _outcome(d) == ("prohibited", "kepala-desa-ikut-kampanye"), (d.verdict, d.reasons)


ANYONE_GIVING = """
[[rule]]
id = "politik-uang-memberi"
actors = ["warga"]
verdict = "prohibited"
act_id = "memberi uang atau barang kepada pemilih supaya memilih calon tertentu"
act_en = "giving voters money or goods to vote for a certain candidate"
situations_id = ["bagi-bagi amplop ke warga supaya coblos paslon 2", "membagikan sembako dari tim calon ke pemilih",
                 "memberi uang transport ke warga yang mau memilih calon", "titip amplop dari paslon untuk tetangga"]
situations_en = ["handed out envelopes so residents vote for pair 2", "gave voters rice from a candidate's team",
                 "paid voters' transport to vote for a candidate", "passed on a pair's envelopes to the neighbours"]
basis = ["UU 10/2016 Pasal 73 ayat (4)"]
sanction_level = "pidana"
sanction_id = "pidana penjara dan denda"
sanction_en = "imprisonment and a fine"
sanction_basis = ["UU 10/2016 Pasal 187A ayat (1)"]
enforcer_id = "Bawaslu dan Gakkumdu"
enforcer_en = "Bawaslu and Gakkumdu"
reviewed = "summary only: corpus/src/regulations/uu-10-2016.toml"
"""


def test_a_rule_for_anyone_gives_way_to_the_asker_s_own_ban_about_as_close(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A village head handing out a pair's envelopes: the ban on anyone giving money is a little closer, his own
    ban (written for village heads, same verdict) answers; not when it is far behind in either score or shares
    few of the question's words, nor for an asker who is not named or whom that rule does not bind."""
    m = RuleMatcher(_fixture_and(tmp_path, ANYONE_GIVING), HashEmbedder(), None, HASH_T)
    q = "saya kepala desa, boleh bagi-bagi amplop dari paslon ke warga?"
    _forced(m, monkeypatch, [("politik-uang-memberi", 0.18, 0.90, 3.0), ("kepala-desa-ikut-kampanye", 0.12, 0.89, 2.0)])
    assert _outcome(m.decide(q)) == ("prohibited", "kepala-desa-ikut-kampanye")
    assert _outcome(m.decide("boleh bagi-bagi amplop dari paslon ke warga?")) == ("prohibited", "politik-uang-memberi")
    _forced(m, monkeypatch, [("politik-uang-memberi", 0.18, 0.90, 3.0), ("kepala-desa-ikut-kampanye", 0.05, 0.89, 2.0)])
    assert _outcome(m.decide(q)) == ("prohibited", "politik-uang-memberi")  # far behind in the fused ranking
    _forced(m, monkeypatch, [("politik-uang-memberi", 0.18, 0.90, 3.0), ("kepala-desa-ikut-kampanye", 0.12, 0.87, 2.0)])
    assert _outcome(m.decide(q)) == ("prohibited", "politik-uang-memberi")  # far behind in meaning
    _forced(m, monkeypatch, [("politik-uang-memberi", 0.18, 0.90, 3.0), ("kepala-desa-ikut-kampanye", 0.12, 0.89, 1.0)])
    assert _outcome(m.decide(q)) == ("prohibited", "politik-uang-memberi")  # sharing few of the question's words: another act
    _forced(m, monkeypatch, [("politik-uang-memberi", 0.18, 0.90, 3.0), ("kepala-desa-ikut-kampanye", 0.12, 0.89, 2.0)])
    # a PNS who names himself: the village heads' rule does not bind him
    assert _outcome(m.decide("saya PNS, boleh bagi-bagi amplop dari paslon ke warga?")) == ("prohibited", "politik-uang-memberi")


def test_the_asker_is_a_pns_when_nobody_is_named(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A regent's permission fits the words better, but nobody was named: the asker is a PNS,
    and the PNS's own rule answers (no "it depends" on who the asker might be)."""
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("kepala-daerah-kampanye-cuti", 0.18, 0.9, 3.0), ("pns-ikut-kampanye", 0.15, 0.85, 2.0)])
    d = m.decide("boleh ikut kampanye kalau sudah cuti?")
    assert (d.verdict, d.rule.id, d.options) == ("prohibited", "pns-ikut-kampanye", [])
    named = m.decide("saya bupati, boleh ikut kampanye kalau sudah cuti?")
    assert (named.verdict, named.rule.id) == ("allowed", "kepala-daerah-kampanye-cuti")


def test_a_rival_allowing_what_the_winner_prohibits_needs_a_wider_gap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    m = RuleMatcher(_fixture_and(tmp_path, LISTENER), HashEmbedder(), None, HASH_T)
    # 0.01 behind: far enough for a rival that says the law is unclear, not for one that allows the act
    _forced(m, monkeypatch, [("pns-ikut-kampanye", 0.18, 0.90, 3.0), ("pns-hadir-acara-keluarga-calon", 0.17, 0.89, 3.0)])
    assert m.decide("boleh ikut kampanye?").verdict == "prohibited"
    _forced(m, monkeypatch, [("pns-ikut-kampanye", 0.18, 0.90, 3.0), ("pns-dengar-kampanye", 0.17, 0.89, 3.0)])
    d = m.decide("boleh ikut kampanye?")
    assert d.verdict == "unclear" and d.reasons == ["rules_disagree"]
    _forced(m, monkeypatch, [("pns-ikut-kampanye", 0.18, 0.90, 3.0), ("pns-dengar-kampanye", 0.12, 0.87, 3.0)])
    assert m.decide("boleh ikut kampanye?").verdict == "prohibited"  # far enough behind


APPEALS = """
[[element]]
name = "pihak"
words_id = ["paslon", "calon"]
words_en = ["candidate", "pair"]

[[element]]
name = "ajakan"
words_id = ["ajak", "bilang pilih"]
words_en = ["urge", "told to vote"]

[[element]]
name = "pencalonan"
words_id = ["mencalonkan diri", "maju"]
words_en = ["run", "stand"]

[[rule]]
id = "pns-ajak-pilih"
actors = ["PNS"]
verdict = "prohibited"
elements = ["pihak", "ajakan"]
act_id = "PNS mengajak orang, termasuk keluarganya, memilih calon tertentu"
act_en = "a civil servant urging people, family included, to vote for a candidate"
situations_id = ["saya ajak keluarga pilih paslon 2", "PNS bilang pilih calon nomor 1 ke tetangga", "ajak warga pilih calon bupati",
  "di grup keluarga saya ajak pilih paslon 3"]
situations_en = ["I urged my family to vote for pair 2", "a civil servant told to vote for candidate 1", "urge the neighbours to back a candidate",
  "in the family group I urge everyone to vote for pair 3"]
basis = ["PP 94/2021 Pasal 5 huruf n angka 6"]
sanction_level = "disiplin-berat"
sanction_id = "hukuman disiplin berat"
sanction_en = "heavy disciplinary punishment"
enforcer_id = "PPK"
enforcer_en = "the staffing authority"
reviewed = "summary only: corpus/src/regulations/pp-94-2021.toml"

[[rule]]
id = "pns-ajak-saja"
actors = ["PNS"]
verdict = "prohibited"
elements = ["ajakan"]
act_id = "PNS mengajak orang memilih"
act_en = "a civil servant urging people to vote"
situations_id = ["saya ajak keluarga memilih", "PNS bilang pilih ke tetangga", "ajak warga memilih", "di grup keluarga saya ajak memilih"]
situations_en = ["I urged my family to vote", "a civil servant told to vote", "urge the neighbours to vote", "in the family group I urge everyone to vote"]
basis = ["PP 94/2021 Pasal 5 huruf n angka 6"]
sanction_level = "disiplin-berat"
sanction_id = "hukuman disiplin berat"
sanction_en = "heavy disciplinary punishment"
enforcer_id = "PPK"
enforcer_en = "the staffing authority"
reviewed = "summary only: corpus/src/regulations/pp-94-2021.toml"

[[rule]]
id = "kerabat-boleh-maju"
actors = ["ASN", "warga"]
verdict = "allowed"
elements = ["pencalonan"]
act_id = "kerabat petahana boleh mencalonkan diri"
act_en = "an incumbent's relatives may run"
situations_id = ["anak bupati mau maju pilkada", "istri petahana mencalonkan diri", "adik wali kota maju jadi calon", "keluarga petahana boleh maju?"]
situations_en = ["the regent's son wants to run", "the incumbent's wife stands", "the mayor's brother runs", "may the incumbent's family run?"]
basis = ["UU 10/2016 Pasal 7 ayat (2)"]
reviewed = "summary only: corpus/src/regulations/uu-10-2016.toml"
"""


def test_an_act_told_in_two_elements_is_not_held_back_by_a_closer_rule_on_an_act_not_told(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A rule whose act the question tells in two elements (a side and an appeal: "I told the
    family to vote for pair 1") answers even far behind a closer rule whose own element the
    question does not name (an incumbent's relatives running): that one echoes the story's
    words ("keluarga"), not the act asked about. An act told in one element alone does not."""
    m = RuleMatcher(_fixture_and(tmp_path, APPEALS), HashEmbedder(), None, HASH_T)
    q = "pagi sebelum ke TPS saya kumpulkan keluarga di rumah dan bilang pilih paslon 1 ya. itu kan urusan keluarga?"
    _forced(m, monkeypatch, [("kerabat-boleh-maju", 0.16, 0.90, 8.0), ("pns-ajak-pilih", 0.067, 0.89, 4.0)],
            untold=frozenset({"kerabat-boleh-maju"}))
    assert _outcome(m.decide(q)) == ("prohibited", "pns-ajak-pilih")
    _forced(m, monkeypatch, [("kerabat-boleh-maju", 0.16, 0.90, 8.0), ("pns-ajak-saja", 0.067, 0.89, 4.0)],
            untold=frozenset({"kerabat-boleh-maju"}))
    assert m.decide(q).reasons == ["no_close_rule"]
    # ... nor does a rule whose own elements are not all told
    _forced(m, monkeypatch, [("kerabat-boleh-maju", 0.16, 0.90, 8.0), ("pns-ajak-pilih", 0.067, 0.89, 4.0)],
            untold=frozenset({"kerabat-boleh-maju", "pns-ajak-pilih"}))
    assert m.decide(q).verdict == "unclear"


GUEST_AND_GIFT = """
[[element]]
name = "imbalan"
words_id = ["uang", "amplop"]
words_en = ["money", "envelope"]

[[rule]]
id = "pns-tamu-acara-keluarga"
actors = ["PNS"]
verdict = "allowed"
unless = ["imbalan"]
act_id = "PNS datang sebagai tamu biasa ke acara keluarga yang juga dihadiri calon"
act_en = "a civil servant attending a family occasion a candidate also attends, as an ordinary guest"
situations_id = ["saya PNS datang ke pernikahan sepupu yang juga dihadiri calon bupati", "melayat ke rumah duka keluarga caleg",
  "kondangan ke tetangga yang nyalon DPRD", "hadir di khitanan keponakan, pamannya calon wali kota juga datang"]
situations_en = ["I went to my cousin's wedding where a regent candidate was a guest", "a condolence visit to a candidate's family",
  "attending a neighbour's party; the host is a DPRD candidate", "my nephew's circumcision party, his uncle the mayoral candidate came too"]
exceptions_id = "Bila calon membagikan uang atau barang, PNS tidak boleh menerimanya."
exceptions_en = "If the candidate hands out money or goods, a civil servant may not take them."
basis = ["PP 94/2021 Pasal 5 huruf n"]
reviewed = "summary only: corpus/src/regulations/pp-94-2021.toml"

[[rule]]
id = "terima-uang-calon"
actors = ["ASN", "warga"]
verdict = "prohibited"
act_id = "menerima uang dari calon atau timnya supaya memilihnya"
act_en = "taking money from a candidate or the team to vote for them"
situations_id = ["calon bupati membagikan amplop, boleh saya terima?", "tim sukses kasih uang lima puluh ribu", "terima uang dari caleg",
  "dikasih amplop serangan fajar"]
situations_en = ["a regent candidate hands out envelopes; may I take one?", "the campaign team gave me fifty thousand", "taking money from a candidate",
  "an envelope of cash the morning of the vote"]
basis = ["UU 10/2016 Pasal 187A ayat (2)"]
sanction_level = "pidana"
sanction_id = "pidana penjara dan denda"
sanction_en = "prison and a fine"
enforcer_id = "Sentra Gakkumdu"
enforcer_en = "the integrated enforcement centre (Gakkumdu)"
reviewed = "summary only: corpus/src/regulations/uu-10-2016.toml"
"""


def test_a_permission_whose_exception_is_told_does_not_take_the_lead_as_the_actor_s_own_rule(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Close behind a prohibition that binds the asker through their group, a permission written
    for them by name would govern; not when the question tells its exception (the candidate
    hands out envelopes at the wedding): the prohibition answers, not "the exception is stated"."""
    m = RuleMatcher(_fixture_and(tmp_path, GUEST_AND_GIFT), HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("terima-uang-calon", 0.18, 0.90, 3.0), ("pns-tamu-acara-keluarga", 0.17, 0.895, 3.0)],
            excepted=frozenset({"pns-tamu-acara-keluarga"}))
    d = m.decide("di pernikahan sepupu, calon bupati membagikan amplop berisi uang ke tamu. saya PNS, boleh terima?")
    assert _outcome(d) == ("prohibited", "terima-uang-calon"), d.reasons


def test_allowed_needs_a_close_match(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A permission answers at 0.87 (the e5 thresholds); between 0.845 and 0.87 only when no
    prohibition that fits the question, whoever it binds, is closer in meaning."""
    m = RuleMatcher(base, HashEmbedder(), None, Thresholds())
    q = "ikut memilih di pilkada, boleh?"  # (not "boleh ikut memilih?": voting asked as the asker's own act is answered by its rule)
    _forced(m, monkeypatch, [("pns-memberi-suara", 0.18, 0.88, 3.0), ("kepala-desa-ikut-kampanye", 0.10, 0.89, 1.0)])
    assert m.decide(q).verdict == "allowed"
    _forced(m, monkeypatch, [("pns-memberi-suara", 0.18, 0.86, 3.0), ("pns-ikut-kampanye", 0.10, 0.80, 1.0)])
    assert m.decide(q).verdict == "allowed"  # the closest of all
    _forced(m, monkeypatch, [("pns-memberi-suara", 0.18, 0.86, 3.0), ("kepala-desa-ikut-kampanye", 0.10, 0.865, 1.0)])
    assert m.decide(q).reasons == ["no_close_rule"]  # a village head's prohibition, which fits too, is closer
    _forced(m, monkeypatch, [("pns-memberi-suara", 0.18, 0.86, 3.0), ("warga-ikut-kampanye", 0.10, 0.865, 1.0)])
    assert m.decide(q).verdict == "allowed"  # a closer rule that prohibits nothing does not say the act is prohibited
    _forced(m, monkeypatch, [("pns-memberi-suara", 0.18, 0.84, 3.0), ("pns-ikut-kampanye", 0.10, 0.80, 1.0)])
    assert m.decide(q).verdict == "unclear"  # too far, even as the closest


def test_a_long_story_may_answer_a_little_farther_than_a_short_question(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A story tells more than the act, so its cosine to the act's short situations runs
    lower: from `long_words` words on, the floor is 0.825 (`long_relief` under 0.84)."""
    m = RuleMatcher(base, HashEmbedder(), None, Thresholds())
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.83, 3.0), ("pns-memberi-suara", 0.10, 0.78, 1.0)])
    short = "boleh saya masuk partai?"
    story = ("Saya guru di sebuah SMP negeri di kabupaten dan sudah dua belas tahun mengajar. Kemarin teman lama "
             "dari kampung datang ke rumah membawa formulir keanggotaan dan kartu anggota sebuah partai politik, "
             "katanya cuma formalitas dan tidak perlu ikut kegiatan apa pun. Boleh saya masuk partai?")
    assert len(m.query_text(analyse(story)).split()) >= m.t.long_words > len(m.query_text(analyse(short)).split())
    assert m.decide(short).reasons == ["no_close_rule"]
    d = m.decide(story)
    assert (d.verdict, d.rule.id) == ("prohibited", "asn-anggota-partai")  # type: ignore[union-attr]
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.82, 3.0), ("pns-memberi-suara", 0.10, 0.78, 1.0)])
    assert m.decide(story).reasons == ["no_close_rule"]  # under the long floor too


def test_a_permission_does_not_answer_what_it_excludes(tmp_path: Path) -> None:
    """A permission "without attributes" is set aside when the question states one; a
    question that itself says "without" keeps it."""
    from kb.rulematch import exclusions, heard_terms, negated_terms, undergone_terms

    (tmp_path / "r.toml").write_text(LISTENER)
    rule = load_rules(tmp_path).by_id["pns-dengar-kampanye"]
    assert {"atribut", "kaos", "seragam", "uniform"} <= exclusions(rule)
    assert negated_terms(normalise("datang tanpa kaos partai, nggak ikut sorak"), "id") == {"kaos", "sorak"}
    assert negated_terms(normalise("I went without my party clothes"), "en") == {"cloth"}
    # being invited is not inviting: a passive act is the asker's only where they also do it themselves
    assert undergone_terms(normalise("dia diajak teman masuk tim relawan")) == {"ajak"}
    assert undergone_terms(normalise("I was invited to a rally, and then I invited my neighbours")) == set()
    # ... and so is an act done to the asker, told in the active: "kawan saya mengajak saya", "he invited me"
    assert undergone_terms(normalise("kawan lama saya mengajak saya masuk tim pemenangan")) == {"ajak"}
    assert undergone_terms(normalise("my old boss invited me to join his team")) == {"invit"}
    assert undergone_terms(normalise("dia mengajak saya, lalu saya mengajak tetangga")) == set()
    # ... or with the asker left unsaid ("mantan bos ngajak jd tim sukses"), but not the asker's own ("boleh saya mengajak ikut?")
    assert undergone_terms(normalise("sy baru pensiun, mantan bos ngajak jd tim sukses caleg")) == {"ajak"}
    assert undergone_terms(normalise("boleh saya mengajak ikut kampanye?")) == set()
    # what the asker only hears is not their act ("listen to the speeches"); a speech of their own is
    assert heard_terms(normalise("can i just go to a rally n listen to the speeches?")) == {"speech"}
    assert heard_terms(normalise("saya mau dengar orasi calon, lalu saya orasi juga")) == {"calon"}
    # items joined by "atau" / "or" are all denied; a copula ends the denied phrase
    assert negated_terms(normalise("saya tidak pakai seragam, tidak pakai kaos atau atribut apa pun"), "id") == {"seragam", "kaos", "atribut"}
    assert negated_terms(normalise("I just stand at the back - no cheering, no T-shirt, no photos - is that a breach?"), "en") == {"cheer", "shirt", "photo"}
    # what a ban is said to cover is not told as done, in the question as in the rule ("larangan penggantian pejabat")
    assert "ganti" in negated_terms(normalise("Bukannya kepala daerah dilarang ganti pejabat menjelang pilkada?"), "id")
    m = RuleMatcher(load_rules(tmp_path), HashEmbedder(), None, HASH_T)
    assert m.decide("boleh datang ke kampanye akbar tanpa seragam, cuma dengar visi misi?").verdict == "allowed"
    stated = m.decide("boleh datang ke kampanye akbar pakai kaos partai, cuma dengar visi misi?")
    assert stated.verdict == "unclear" and not stated.candidates[0].condition_ok
    # one's own clothes are no attribute; chat spellings of coming and listening ("dtg", "dgr")
    for q in ("kalau saya dtg ke kampanye akbar cuma dgr visi misi, pakai kaos biasa, boleh?",
              "may I go to a rally only to listen, in plain clothes?"):
        plain = m.decide(q)
        assert plain.verdict == "allowed" and plain.candidates[0].condition_ok, q


def test_what_a_permission_s_conditions_list_as_absent_also_excludes_it(tmp_path: Path) -> None:
    """The conditions of a permission "without attributes" list more than its situations say
    ("tanpa ikut bersorak, berorasi, atau mengajak orang lain"): each listed item excludes it,
    but not the words of the election itself (party, candidate), nor prose "tidak"."""
    from kb.rulematch import exclusions, listed_negations

    cond = ('\nconditions_id = "Hanya pendengar: tanpa atribut partai atau seragam; tanpa ikut berperan, bersorak, '
            'atau mengajak orang lain; tidak pada jam kerja."\nconditions_en = "A listener only: no party, candidate '
            'or civil-service attributes; no cheering, speeches or urging others; not during working hours."\n')
    (tmp_path / "r.toml").write_text(LISTENER.replace('\nbasis =', cond + "basis =", 1))
    rule = load_rules(tmp_path).by_id["pns-dengar-kampanye"]
    assert listed_negations(normalise(rule.conditions.id), "id") == {"seragam", "peran", "sorak", "ajak"}  # "atribut" is an election word
    en = listed_negations(normalise(rule.conditions.en), "en")
    assert {"cheer", "speech", "urg"} <= en and not en & {"party", "candidat", "other", "hour", "work"}
    assert {"sorak", "ajak", "urg"} <= exclusions(rule) and "jam" not in exclusions(rule)
    # in the real rule base a list of what a call to vote shows ends where the clause on whose account it is starts
    real = exclusions(load_rules(ROOT / "corpus" / "rules").by_id["asn-ajak-gunakan-hak-pilih-tanpa-calon"])
    assert {"slogan", "symbol", "simbol"} <= real and not real & {"account", "akun", "bukan", "event", "acara"}
    # ... and "supports no one" lists nobody: "check one's polling station" states nothing it excludes
    assert "one" not in real and "one" not in listed_negations("a call that names no side supports no one", "en")
    m = RuleMatcher(load_rules(tmp_path), HashEmbedder(), None, HASH_T)
    assert m.decide("boleh datang ke kampanye akbar, cuma dengar visi misi?").verdict == "allowed"
    urged = m.decide("boleh datang ke kampanye akbar, dengar visi misi lalu mengajak tetangga?")
    assert urged.verdict != "allowed" and not urged.candidates[0].condition_ok
    invited = m.decide("boleh datang ke kampanye akbar, cuma dengar visi misi? saya diajak tetangga")
    assert invited.verdict == "allowed" and invited.candidates[0].condition_ok



def test_a_lenient_rule_excludes_only_what_its_conditions_leave_out() -> None:
    """What a permission or an unclear rule excludes comes from the conditions its act says are
    absent, never from the act itself or the story of a situation: the appeal against a punishment
    is "objecting to" it, so a question saying the decree was received ("menerima SK hukuman")
    still fits; "officials who did not back the mayor" tells who was sidelined, it does not make
    every question naming a mayor outside the rule."""
    from kb.lexical import term_list
    from kb.rulematch import exclusions

    rules = load_rules(ROOT / "corpus" / "rules")
    assert not exclusions(rules.by_id["pns-upaya-administratif-hukuman-disiplin"])
    offices = {t for w in ("mayor", "regent", "governor", "bupati", "gubernur", "wali kota") for t in term_list(w)}
    assert all(not exclusions(r) & offices for r in rules), "a lenient rule excludes an office"

LISTENER = """
[[rule]]
id = "pns-dengar-kampanye"
actors = ["PNS"]
verdict = "allowed"
act_id = "hadir di kampanye hanya untuk mendengar visi dan misi, tanpa atribut"
act_en = "attending a campaign only to hear the programme, without attributes"
situations_id = ["datang ke kampanye cuma dengar visi misi tanpa kaos partai", "hadir di kampanye tanpa seragam dinas",
                 "dengar orasi calon, tanpa atribut apa pun", "nonton kampanye akbar sebagai pendengar"]
situations_en = ["went to a rally only to listen, not in uniform", "heard the candidates' programme without any attributes",
                 "attended a campaign as a listener without party clothes", "listened to a campaign speech as a voter"]
basis = ["Penjelasan PP 94/2021 Pasal 5 huruf n angka 1"]
reviewed = "summary only: corpus/src/regulations/pp-94-2021.toml"
"""


def test_close_rules_that_no_condition_separates_give_unclear(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("pns-memberi-suara", 0.18, 0.90, 3.0), ("asn-anggota-partai", 0.17, 0.895, 3.0)])
    d = m.decide("boleh datang ke TPS pakai kaos partai?")
    assert d.verdict == "unclear" and d.reasons == ["rules_disagree"] and len(d.options) == 2
    _forced(m, monkeypatch, [("pns-memberi-suara", 0.18, 0.90, 3.0), ("asn-anggota-partai", 0.17, 0.85, 3.0)])
    assert m.decide("boleh datang ke TPS pakai kaos partai?").verdict == "allowed"  # far enough behind


def test_a_closest_rule_that_says_the_law_is_unclear_stays_the_answer_beside_a_rival(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A prohibition close behind a rule saying the law is unclear does not make the card
    lose that rule: the verdict stays "unclear", with the rule's reason and its provision,
    and the prohibition is shown beside it."""
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("pns-hadir-acara-keluarga-calon", 0.18, 0.90, 3.0), ("pns-fasilitas-negara-kampanye", 0.17, 0.898, 3.0)])
    d = m.decide("saya datang ke acara keluarga yang dihadiri calon, boleh?")
    assert d.verdict == "unclear" and d.reasons == ["rule_unclear"]
    assert d.rule is not None and d.rule.id == "pns-hadir-acara-keluarga-calon"
    assert [o.candidate.rule.id for o in d.options] == ["pns-fasilitas-negara-kampanye"]


def test_an_unclear_rule_ranked_above_the_answer_holds_it_open(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A rule saying the law is unclear, too far to be the answer itself (min_dense_allowed)
    but ranked above the first rule that could answer and close to it, makes the card
    unclear with that rule; farther behind in meaning, it does not."""
    m = RuleMatcher(base, HashEmbedder(), None, Thresholds(min_dense=0.35, min_dense_alone=0.9, min_dense_allowed=0.88))
    q = "saya datang ke acara keluarga yang dihadiri calon, boleh?"
    _forced(m, monkeypatch, [("pns-hadir-acara-keluarga-calon", 0.18, 0.875, 3.0), ("pns-fasilitas-negara-kampanye", 0.17, 0.87, 3.0)])
    d = m.decide(q)
    assert (d.verdict, d.reasons, d.rule.id) == ("unclear", ["rule_unclear"], "pns-hadir-acara-keluarga-calon")  # type: ignore[union-attr]
    assert [o.candidate.rule.id for o in d.options] == ["pns-fasilitas-negara-kampanye"]
    _forced(m, monkeypatch, [("pns-hadir-acara-keluarga-calon", 0.18, 0.84, 3.0), ("pns-fasilitas-negara-kampanye", 0.17, 0.87, 3.0)])
    d = m.decide(q)
    assert (d.verdict, d.rule.id) == ("prohibited", "pns-fasilitas-negara-kampanye")  # type: ignore[union-attr]


def test_a_rule_that_fits_only_far_down_the_ranking_is_no_answer(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """When every close rule is for someone else, the first that fits, far behind (fused),
    does not answer: a confident answer from a distant rule is worse than none."""
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    q = "boleh saya masuk partai?"
    _forced(m, monkeypatch, [("kepala-desa-ikut-kampanye", 0.18, 0.90, 3.0), ("asn-anggota-partai", 0.18 * 0.4, 0.90, 3.0)])
    d = m.decide(q)
    assert (d.verdict, d.reasons) == ("unclear", ["no_close_rule"])
    _forced(m, monkeypatch, [("kepala-desa-ikut-kampanye", 0.18, 0.90, 3.0), ("asn-anggota-partai", 0.18 * 0.6, 0.90, 3.0)])
    assert m.decide(q).verdict == "prohibited"


def test_a_permission_too_far_to_answer_does_not_hold_a_prohibition_open(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A close permission leaves the answer open only if it could itself be the answer
    (min_dense_allowed), or if it is the closer of the two in meaning."""
    m = RuleMatcher(base, HashEmbedder(), None, Thresholds(min_dense=0.35, min_dense_alone=0.9, min_dense_allowed=0.88))
    q = "boleh datang ke TPS pakai kaos partai?"
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.90, 3.0), ("pns-memberi-suara", 0.17, 0.885, 3.0)])
    assert m.decide(q).reasons == ["rules_disagree"]  # the permission could answer: open
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.90, 3.0), ("pns-memberi-suara", 0.17, 0.885 - 0.01, 3.0)])
    d = m.decide(q)  # too far to answer, and farther in meaning: the prohibition answers
    assert (d.verdict, d.rule.id) == ("prohibited", "asn-anggota-partai")
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.86, 3.0), ("pns-memberi-suara", 0.17, 0.87, 3.0)])
    assert m.decide(q).reasons == ["rules_disagree"]  # too far to answer, but the closer in meaning: open


def test_an_act_with_rules_only_for_other_actors_is_not_answered_for_this_one(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.92, 5.0), ("kepala-desa-ikut-kampanye", 0.12, 0.86, 1.0)])
    d = m.decide("saya kepala desa, boleh jadi anggota partai?")  # the rule found is for ASN, not for village heads
    assert d.verdict == "unclear" and d.reasons == ["no_rule_for_actor"]
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.92, 5.0), ("kepala-desa-ikut-kampanye", 0.17, 0.915, 4.0)])
    assert m.decide("saya kepala desa, boleh jadi anggota partai?").rule.id == "kepala-desa-ikut-kampanye"  # close enough


TEAM_RULES = """
[[rule]]
id = "asn-tim-kampanye"
actors = ["ASN"]
verdict = "prohibited"
act_id = "menjadi anggota tim kampanye"
act_en = "joining a campaign team"
situations_id = ["saya jadi anggota tim kampanye caleg", "didaftarkan jadi tim kampanye", "ikut tim sukses paslon", "gabung timses"]
situations_en = ["I joined a campaign team", "registered as campaign team member", "on a candidate's team", "joined the team"]
basis = ["UU 7/2017 Pasal 280 ayat (3)"]
sanction_level = "pidana"
sanction_id = "pidana"
sanction_en = "a criminal penalty"
enforcer_id = "Gakkumdu"
enforcer_en = "Gakkumdu"
reviewed = "summary only: corpus/src/regulations/uu-7-2017.toml"

[[rule]]
id = "tim-libatkan-asn"
actors = ["warga"]
verdict = "prohibited"
act_id = "tim kampanye mengikutsertakan ASN"
act_en = "a campaign team involving civil servants"
situations_id = ["tim kampanye mengajak PNS jadi anggota", "ketua tim libatkan ASN", "tim sukses ajak guru PNS", "timses rekrut ASN"]
situations_en = ["the team recruited civil servants", "a campaign team involving teachers", "team used ASN", "team enlisted PNS"]
basis = ["UU 7/2017 Pasal 280 ayat (2) huruf f"]
sanction_level = "pidana"
sanction_id = "pidana"
sanction_en = "a criminal penalty"
enforcer_id = "Gakkumdu"
enforcer_en = "Gakkumdu"
reviewed = "summary only: corpus/src/regulations/uu-7-2017.toml"
"""


def test_an_actor_without_rules_of_their_own_is_not_answered_by_a_farther_any_person_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Honorary staff are no ASN: the ASN rule found does not bind them, and the any-person
    rule on teams that involve ASN answers them only when it is about as close as that one."""
    (tmp_path / "r.toml").write_text(TEAM_RULES)
    m = RuleMatcher(load_rules(tmp_path), HashEmbedder(), None, HASH_T)
    q = "saya tenaga honorer, boleh jadi tim sukses caleg?"
    _forced(m, monkeypatch, [("asn-tim-kampanye", 0.18, 0.90, 5.0), ("tim-libatkan-asn", 0.16, 0.885, 4.0)])
    d = m.decide(q)
    assert d.facts.actor == "honorer" and d.verdict == "unclear" and d.reasons == ["no_rule_for_actor"]
    _forced(m, monkeypatch, [("asn-tim-kampanye", 0.18, 0.90, 5.0), ("tim-libatkan-asn", 0.16, 0.895, 4.0)])
    assert m.decide(q).rule.id == "tim-libatkan-asn"  # about as close: it answers
    _forced(m, monkeypatch, [("asn-tim-kampanye", 0.18, 0.90, 5.0), ("tim-libatkan-asn", 0.16, 0.885, 4.0)])
    assert m.decide("saya PNS, boleh jadi tim sukses caleg?").rule.id == "asn-tim-kampanye"  # a PNS: the ASN rule


def test_the_rule_written_for_the_actor_governs_a_close_general_one(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.90, 3.0), ("pns-fasilitas-negara-kampanye", 0.17, 0.90, 3.0)])
    d = m.decide("saya PNS, boleh pakai mobil dinas untuk rapat partai?")
    assert d.rule.id == "pns-fasilitas-negara-kampanye"  # written for PNS, the other for ASN as a whole



def test_a_rule_saying_the_law_is_unclear_does_not_win_by_its_actor_alone(base, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """A closer permission for ASN keeps the answer over an unclear rule for PNS a little behind
    it: the unclear rule is written for the actor but for another act, and only a rival as close
    as `near_dense` / `near_fused` would hold the answer open; as the closest it stays the answer."""
    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("pns-memberi-suara", 0.18, 0.90, 3.0), ("pns-hadir-acara-keluarga-calon", 0.15, 0.895, 3.0)])
    d = m.decide("saya PNS, boleh nonton debat calon dari rumah?")
    assert d.verdict == "allowed" and d.rule is not None and d.rule.id == "pns-memberi-suara"
    _forced(m, monkeypatch, [("pns-hadir-acara-keluarga-calon", 0.18, 0.90, 3.0), ("pns-memberi-suara", 0.15, 0.895, 3.0)])
    d = m.decide("saya PNS, boleh nonton debat calon dari rumah?")
    assert d.verdict == "unclear" and d.rule is not None and d.rule.id == "pns-hadir-acara-keluarga-calon"

# ---------------------------------------------------------------------------- the card


@pytest.fixture(scope="module")
def prov(tmp_path_factory: pytest.TempPathFactory) -> Provisions:
    s = Settings(corpus_dir=ROOT / "corpus", index_dir=tmp_path_factory.mktemp("card-bundled"))
    build_index(s, embedder=HashEmbedder(), progress=False)
    return Provisions.of(IndexSnapshot.current(s.index_dir))


def test_card_keeps_the_fields_the_scorer_reads(matcher: RuleMatcher, prov: Provisions) -> None:
    q = OFFICIAL_CAR[0]
    js = build_card(q, matcher.decide(q), prov).to_json()
    assert js["verdict"] == "prohibited" and js["verdict_text"] == "Dilarang" and js["lang"] == "id"
    assert js["provision"]["citation"] == "PP 94/2021 Pasal 5 huruf n angka 4"
    assert "fasilitas negara" in js["provision"]["text"] and js["provision"]["label"] == "ringkasan kami, bukan teks resmi"
    assert [s["citation"] for s in js["sanctions"]] == ["PP 94/2021 Pasal 14 huruf i angka 2", "PP 94/2021 Pasal 8 ayat (4)"]
    assert all(s["resolved"] and s["text"] for s in js["sanctions"])
    assert js["penalty"]["level"] == "disiplin-berat" and js["penalty"]["text"].startswith("hukuman disiplin berat")
    assert js["applies_to"] == ["PNS", "CPNS"] and js["enforcer"] and js["asker"]["actor"] == "PNS"
    assert js["summary"].startswith("Dilarang bagi PNS, CPNS: memakai fasilitas negara")


def test_english_questions_get_english_cards(matcher: RuleMatcher, prov: Provisions) -> None:
    q = OFFICIAL_CAR[1]
    js = build_card(q, matcher.decide(q), prov).to_json()
    assert js["lang"] == "en" and js["verdict_text"] == "Prohibited" and js["act"] == "using state facilities in a campaign"
    assert js["penalty"]["text"].startswith("heavy disciplinary punishment") and js["penalty"]["level_text"] == "heavy disciplinary punishment"
    assert js["provision"]["label"] == "our summary, not the official text" and js["disclaimer"].startswith("This is not legal advice")
    assert "civil servants (PNS)" in js["applies_to"]


def test_depends_card_lists_alternatives_with_follow_ups(matcher: RuleMatcher, prov: Provisions) -> None:
    q = "Saya bupati, boleh ikut kampanye?"
    js = build_card(q, matcher.decide(q), prov).to_json()
    assert js["verdict"] == "depends" and js["verdict_text"] == "Tergantung" and len(js["alternatives"]) == 2
    by_verdict = {a["verdict"]: a for a in js["alternatives"]}
    allowed, prohibited = by_verdict["allowed"], by_verdict["prohibited"]
    assert allowed["stages"] == ["kampanye"] and allowed["condition_text"] == "Jika pada masa kampanye"
    assert allowed["provision"]["citation"] == "UU 10/2016 Pasal 70 ayat (2)" and allowed["followup"] == f"{q} (pada masa kampanye)"
    assert [s["citation"] for s in prohibited["sanctions"]] == ["UU 7/2017 Pasal 521"]
    assert js["provision"]["citation"] == js["alternatives"][0]["provision"]["citation"]  # the main basis is the first branch's
    assert js["summary"].startswith("Tergantung. Jika pada")


def test_unclear_card_says_why(matcher: RuleMatcher, prov: Provisions) -> None:
    js = build_card(NONSENSE[1], matcher.decide(NONSENSE[1]), prov).to_json()
    assert js["verdict"] == "unclear" and js["provision"] is None and js["sanctions"] == []
    assert js["reasons"] == ["not_about_elections"] and js["reason_text"][0].startswith("This question does not seem to be about elections")
    q = "Bolehkah PNS datang ke pernikahan saudara yang dihadiri calon bupati?"
    js = build_card(q, matcher.decide(q), prov).to_json()
    assert js["rule"] == "pns-hadir-acara-keluarga-calon" and js["reason_text"] == [js["unclear_why"]] and js["unclear_why"].startswith("Hukum tidak")


def test_an_unclear_card_of_close_rules_points_to_the_closest_one(base, prov: Provisions, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    """With no verdict of its own, a card listing close rules gives the closest one's provision and
    sanctions as its main basis (as "depends" gives its first branch's), and `kb answer` lists the
    close rules with their citations, as the page does."""
    from kb.cli import card_lines

    m = RuleMatcher(base, HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("asn-anggota-partai", 0.18, 0.90, 3.0), ("pns-memberi-suara", 0.17, 0.895, 3.0)])
    q = "boleh datang ke TPS pakai kaos partai?"
    js = build_card(q, m.decide(q), prov).to_json()
    assert js["verdict"] == "unclear" and js["rule"] is None and [a["rule"] for a in js["alternatives"]] == ["asn-anggota-partai", "pns-memberi-suara"]
    first = js["alternatives"][0]
    assert js["provision"]["citation"] == first["provision"]["citation"] and js["sanctions"] and js["sanctions"] == first["sanctions"]
    lines = card_lines(js)
    assert lines[:2] == [f"{js['verdict_text']}.", js["reason_text"][0]] and lines[2].startswith("aturan terdekat")
    for a in js["alternatives"]:
        at = lines.index(f"- {a['verdict_text']}: {a['act']}")
        assert lines[at + 1].strip().startswith(a["provision"]["citation"])


# ---------------------------------------------------------------------------- vectors


def test_rule_vectors_are_cached_per_text(base, tmp_path: Path) -> None:  # noqa: ANN001
    import kb.rulematch as rm

    rm._MEMO.clear()
    emb = HashEmbedder()
    first = RuleMatcher(base, emb, tmp_path)
    n = emb.passages_encoded
    assert n == len(first.texts) > 40
    rm._MEMO.clear()  # a new process: the on-disk cache answers
    again = RuleMatcher(base, emb, tmp_path)
    assert emb.passages_encoded == n and (again.vectors == first.vectors).all()
    edited = tmp_path / "rules"
    edited.mkdir()
    (edited / "r.toml").write_text((RULES / "rules_fixture.toml").read_text().replace("membagikan selebaran calon", "menempel stiker calon"))
    RuleMatcher(load_rules(edited), emb, tmp_path)
    assert emb.passages_encoded == n + 1  # only the changed line is embedded


# ---------------------------------------------------------------------------- the real model


@pytest.fixture(scope="module")
def real_matcher(base) -> RuleMatcher:  # noqa: ANN001
    from kb.embed import load_embedder

    return RuleMatcher(base, load_embedder(Settings.from_env()))


@pytest.mark.slow
def test_real_model_five_ways_actor_leave_and_nonsense(real_matcher: RuleMatcher) -> None:
    assert {real_matcher.decide(q).verdict for q in OFFICIAL_CAR} == {"prohibited"}
    assert {real_matcher.decide(q).rule.id for q in OFFICIAL_CAR} == {"pns-fasilitas-negara-kampanye"}
    for q in LEAVE_PNS:
        assert real_matcher.decide(q).verdict == "prohibited", q
    assert real_matcher.decide("Saya bupati dan sudah cuti, boleh ikut kampanye pada masa kampanye?").verdict == "allowed"
    assert real_matcher.decide("Saya PNS dan sudah cuti, boleh ikut kampanye pada masa kampanye?").verdict == "prohibited"
    for q in NONSENSE:
        assert real_matcher.decide(q).verdict == "unclear", q


@pytest.fixture(scope="module")
def corpus_matcher() -> RuleMatcher:
    from kb.embed import load_embedder

    return RuleMatcher(load_rules(ROOT / "corpus" / "rules"), load_embedder(Settings.from_env()))


@pytest.mark.slow
def test_real_rule_base_service_put_first_for_one_side_is_no_routine_work(corpus_matcher: RuleMatcher) -> None:
    """The permission for the work of one's post done the same for every pair is excepted when the
    question tells that one side is served first, even where it also says "the others queue as usual"."""
    d = corpus_matcher.decide("Kepala desa kami minta operator mendahulukan warga yang bawa kartu relawan paslon 1 saat urus "
                              "surat pengantar, yang lain antre biasa. Itu boleh?")
    assert d.verdict != "allowed", (d.verdict, d.rule)
    d = corpus_matcher.decide("Our village office issues cover letters to the teams of every pair the same way, in the normal queue, "
                              "as routine work. Is the village head allowed to keep doing that during the campaign?")
    assert d.verdict == "allowed", (d.verdict, d.reasons)
    # routine programme aid handed out as one's work is no gift to influence voters (UU 10/2016 Pasal 73 ayat (1)): the
    # money-politics ban is shown with that exception, never as the answer; a gift to sway votes stays prohibited
    d = corpus_matcher.decide("Saya PNS dinas sosial. Penyaluran bansos rutin bulanan jatuh di masa kampanye pilkada, apa itu politik uang?")
    assert d.verdict != "prohibited", (d.verdict, d.rule)
    assert corpus_matcher.decide("Tim paslon bagi amplop ke warga biar pilih nomor 2 di pilkada, boleh?").verdict == "prohibited"


@pytest.mark.slow
def test_real_rule_base_on_voting_time_and_the_duty_of_neutrality(corpus_matcher: RuleMatcher) -> None:
    """A superior or employer keeping workers from the polls in a regional election is the crime
    of UU 10/2016 Pasal 182B, whoever asks; in a general election that article does not apply.
    "We must be neutral" as a premise does not turn "may I vote?" into the general duty; and a
    permission for the asker's group does not silence a closer prohibition of another's act."""
    for q in ("Pabrik tempat saya bekerja tidak memberi buruh izin keluar untuk nyoblos pilkada besok, boleh begitu?",
              # told by what it does to the workers' vote ("so none of them would be able to go and vote")
              "As head of our agency I want the contract staff to do a stock count all day on the regent election day, so none "
              "of them would be able to go and vote. Is that allowed?",
              "Our factory manager will not give workers any time off to vote in the regent election. What does the law say?",
              "My boss says nobody may leave the office to vote on pilkada day. Is that legal?"):
        d = corpus_matcher.decide(q)
        assert d.verdict == "prohibited" and d.rule is not None and d.rule.basis[0].text == "UU 10/2016 Pasal 182B", (q, d.verdict, d.rule)
    # asked whether he must let them vote, the duty side of the same article answers, not its ban
    d = corpus_matcher.decide("our UPT head set a full-day training on pilkada voting day and said nobody leaves. "
                              "it could easily be held another day. isnt he obliged to let us go vote?")
    assert _outcome(d) == ("required", "atasan-wajib-beri-kesempatan-memilih"), (d.verdict, d.rule)
    d = corpus_matcher.decide("Our factory manager will not give workers any time off to vote in the presidential election. What does the law say?")
    assert d.rule is None or all(c.text != "UU 10/2016 Pasal 182B" for c in d.rule.basis)
    # the chance to vote is refused on polling day: work scheduled during the campaign is no such refusal
    d = corpus_matcher.decide("I'm a PNS extension worker. Fertiliser drops land in the middle of the campaign; a colleague says "
                              "we should hold them until after the vote. Is continuing the distribution a violation?")
    assert d.rule is None or all(c.text != "UU 10/2016 Pasal 182B" for c in d.rule.basis), d.rule
    for q in ("pns boleh nyoblos gak sih? kan katanya harus netral", "Since we civil servants must stay neutral, may I still vote?",
              # hearsay told after the question; going to the polling station named as the vote
              "asn blh nyoblos ga? kata temen sekantor kita hrs netral jd mending golput",
              "Karena harus netral, apakah PNS sebaiknya tidak datang ke TPS saja?",
              # the duty told as what someone said
              "civil servant here. a colleague said to stay 'neutral' we should skip the polls on election day. true?? or can i vote as usual",
              # who the asker is, in brackets; the vote for a relative who runs is still the asker's vote
              "my mom is running for regent. on voting day can I (PNS) vote for her? or do i have to abstain to stay neutral",
              # the breach frame of the asking sentence is not the act
              "Teman sekantor bilang PNS sebaiknya golput. Saya sudah terdaftar di DPT dan mau mencoblos. Apa mencoblos itu melanggar netralitas?"):
        d = corpus_matcher.decide(q)
        assert d.verdict == "allowed" and d.rule is not None and d.rule.id == "asn-menggunakan-hak-pilih", (q, d.verdict, d.rule)
    assert corpus_matcher.decide("bos ga ngasih karyawan waktu buat nyoblos pilkada, emang boleh?").verdict != "allowed"
    # being kept at work, in plain words, is the superior's act, not the asker's vote
    d = corpus_matcher.decide("My section chief wants to keep me at my desk through the whole of pilkada voting day, so I could not go and vote. Is he allowed to?")
    assert d.verdict != "allowed" and "atasan-tidak-beri-kesempatan-memilih" in {c.rule.id for c in [*d.candidates[:2]]}, d.verdict
    # the vote asked for as something the superior must let them do ("doesn't he have to let us vote")
    d = corpus_matcher.decide("The agency head wants every field officer at the office on the day of the regent election. "
                              "Can he do that? Doesn't he have to let us vote?")
    assert d.rule is not None and d.rule.basis[0].text == "UU 10/2016 Pasal 182B", (d.verdict, d.rule)
    # asked as a duty, the same article answers "required" (the rule's duty side, `when_asked = "duty"`)
    for q in ("Wajibkah pabrik memberi buruhnya waktu untuk nyoblos pada hari pilkada? Hari itu semua tetap masuk kerja seharian.",
              "Is our employer obliged to let the workers go and vote in the governor election? The factory runs a full shift that day."):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("required", "atasan-wajib-beri-kesempatan-memilih"), q
    # the article's exception told (the work cannot be left): the rule with its exception, no verdict
    for q in ("Pilkada besok saya dapat jadwal jaga di IGD dan kepala ruangan bilang IGD tidak bisa ditinggal, jadi saya tidak bisa nyoblos. Siapa yang benar?",
              "Pilkada besok kepala ruangan bilang IGD tidak bisa ditinggal, jadi perawat jaga tidak bisa nyoblos. Siapa yang benar?",
              "The plant manager says the boilers cannot be left unattended on the regent election day, so our shift cannot vote. Is that allowed?"):
        d = corpus_matcher.decide(q)
        assert (d.verdict, d.rule.id if d.rule else None, d.reasons) == ("unclear", "atasan-tidak-beri-kesempatan-memilih", ["exception_stated"]), q


@pytest.mark.slow
def test_real_rule_base_a_call_that_names_a_pair_is_no_vote_of_one_s_own(corpus_matcher: RuleMatcher) -> None:
    """A status "jangan lupa nyoblos nomor 2" the day before the vote: one's own vote (the closest permission) does not
    answer for a call that names a pair, which takes it out of the permission for calls to vote; with no pair named,
    the call is allowed."""
    d = corpus_matcher.decide("Hari H pilkada tinggal besok. Saya guru PNS, semalam update status WA 'jangan lupa nyoblos nomor 2 ya'. "
                              "Kan sudah bukan masa kampanye, boleh kan?")
    assert d.verdict != "allowed", d.rule
    d = corpus_matcher.decide("Saya PNS, boleh tidak pasang status WA 'jangan lupa datang ke TPS besok' tanpa menyebut calon mana pun?")
    assert _outcome(d) == ("allowed", "asn-ajak-gunakan-hak-pilih-tanpa-calon")


@pytest.mark.slow
def test_real_rule_base_a_helper_who_tells_the_voter_s_choice(corpus_matcher: RuleMatcher) -> None:
    """Helping a blind voter in the booth is allowed (UU 10/2016 Pasal 178G); telling others afterwards whom she chose is
    the crime of Pasal 178H, the permission's stated exception: its own rule answers."""
    for q in ("Saya PNS, kemarin membantu tetangga tunanetra mencoblos di bilik suara. Sorenya saya cerita ke teman kantor kalau "
              "beliau pilih nomor 1. Apa itu salah?",
              "My grandfather is blind, so I went into the polling booth with him at the regent election. Afterwards I told my "
              "cousins which pair he chose. Was that wrong?"):
        assert _outcome(corpus_matcher.decide(q)) == ("prohibited", "pendamping-beritahukan-pilihan"), q
    d = corpus_matcher.decide("Saya PNS, tetangga tunanetra minta saya menemaninya di bilik suara pas pilkada. Boleh?")
    assert _outcome(d) == ("allowed", "dampingi-pemilih-berhalangan-fisik")


@pytest.mark.slow
def test_real_rule_base_an_exception_met_leaves_the_other_act_told(corpus_matcher: RuleMatcher) -> None:
    """An incumbent on campaign leave has met the duty to take it (its exception is stated), but the official car he
    campaigns in is another act, with its own ban (UU 10/2016 Pasal 70 ayat (3) huruf b); told without the car, the
    duty's exception alone gives no verdict."""
    for q in ("Gubernur kami mencalonkan diri lagi dan sekarang sedang cuti di luar tanggungan negara. Selama safari kampanye ke "
              "kabupaten-kabupaten ia tetap memakai mobil dinas gubernur dan ajudannya. Sah tidak?",
              "The mayor is up for re-election and has been on leave since the campaign opened, but he keeps arriving at his "
              "rallies in the city's official car. Is he allowed to?"):
        assert _outcome(corpus_matcher.decide(q)) == ("prohibited", "petahana-pakai-fasilitas-jabatan-pilkada"), q
    d = corpus_matcher.decide("Wali kota kami maju lagi di pilkada dan sudah cuti selama masa kampanye. Apakah itu sudah cukup?")
    assert d.verdict != "prohibited", d.rule


@pytest.mark.slow
def test_real_rule_base_a_stated_exception_leads_to_the_permission(corpus_matcher: RuleMatcher) -> None:
    """A mayor campaigning in a general election: the ban on campaigning without leave and the
    permission with leave are close; a question that says he has taken leave states the ban's
    exception and gets the permission, one that does not say so gets no verdict."""
    d = corpus_matcher.decide("The mayor will speak at a presidential candidate's rally next Saturday and has taken leave for that day. Is that allowed?")
    assert _outcome(d) == ("allowed", "pejabat-kampanye-pemilu-dengan-cuti")
    assert corpus_matcher.decide("The mayor will speak at a presidential candidate's rally next Wednesday. Is that allowed?").verdict != "allowed"
    # asked whether the duty still binds when the question states what meets it: the permission answers, not the duty
    # (the permission on leave, or the party member's right to campaign, whose conditions also say holidays are free)
    d = corpus_matcher.decide("Menteri kami kader partai, mau kampanye buat caleg partainya pada hari libur nasional. Tetap wajib cuti nggak?")
    assert d.verdict == "allowed" and d.rule is not None, (d.verdict, d.rule)
    assert d.rule.id in ("pejabat-kampanye-pemilu-dengan-cuti", "pejabat-anggota-partai-berhak-kampanye-pemilu"), d.rule.id


@pytest.mark.slow
def test_real_rule_base_an_incumbent_already_on_leave_has_met_the_leave_duty(corpus_matcher: RuleMatcher) -> None:
    """An incumbent running again must take leave for the campaign (UU 10/2016 Pasal 70 ayat (3)
    huruf a); a question that says he is on that leave and asks about something else is not
    answered with the duty. A campaign on Saturdays is no such leave: the duty still answers."""
    d = corpus_matcher.decide("Bupati kami maju lagi dan sedang cuti kampanye. Besok dia mau kampanye di pasar naik mobil pribadi. Boleh?")
    assert _outcome(d) == ("allowed", "kepala-daerah-kampanye-pilkada-dengan-izin")
    d = corpus_matcher.decide("Our governor is running again and is on campaign leave now. This Saturday he will hold a dialogue "
                              "in a village, riding his private car, paid from campaign funds. Is that allowed?")
    assert d.verdict not in ("required", "prohibited")  # neither the duty he has met nor a ban on state facilities he does not use
    d = corpus_matcher.decide("Bupati kami maju lagi dan sedang cuti kampanye. Besok dia mau kampanye di pasar naik mobil dinas. Boleh?")
    assert d.verdict != "allowed" and "petahana-pakai-fasilitas-jabatan-pilkada" in {d.rule.id if d.rule else None, *(o.candidate.rule.id for o in d.options)}
    d = corpus_matcher.decide("Our governor is running for a second term. He will not take leave: he keeps working on weekdays "
                              "and goes to rallies only on Saturday. What must he do?")
    assert _outcome(d) == ("required", "petahana-wajib-cuti-kampanye-pilkada")


@pytest.mark.slow
def test_real_rule_base_the_time_a_story_names_states_no_exception(corpus_matcher: RuleMatcher) -> None:
    """A family wedding "right in the middle of the Pilkada campaign" is no campaign activity: the
    permission for guests at a family occasion a candidate attends is not excepted by the period's
    name; a campaign speech at the wedding excepts it."""
    def guest(q: str) -> Candidate:
        return next(c for c in corpus_matcher.score(analyse(q)) if c.rule.id == "asn-tamu-acara-keluarga-dihadiri-calon")
    assert not guest("My daughter's wedding is at our house right in the middle of the Pilkada campaign. My uncle, a candidate "
                     "for regent, is invited as family. I'm a PNS. Is it a violation to have him there?").excepted
    assert guest("My daughter's wedding is at our house. My uncle, a candidate for regent, will give a campaign speech there. "
                 "I'm a PNS. Is it a violation to have him there?").excepted


@pytest.mark.slow
def test_real_rule_base_a_family_occasion_by_its_everyday_name_is_no_campaign(corpus_matcher: RuleMatcher) -> None:
    """A family occasion named as people name it ("halal bihalal", "acara keluarga"), a candidate
    among the relatives, nothing of a campaign: the guest's permission, or at least no ban."""
    d = corpus_matcher.decide("Saya PNS. Besok ada acara keluarga di rumah bibi, om saya yang nyalon bupati juga hadir. "
                              "Tidak ada kampanye sama sekali. Boleh saya datang?")
    assert _outcome(d) == ("allowed", "asn-tamu-acara-keluarga-dihadiri-calon")
    d = corpus_matcher.decide("Keluarga besar kami mengadakan halal bihalal di rumah nenek dan paman saya yang caleg DPRD juga "
                              "datang. Tidak ada sambutan atau spanduk. Saya PNS, boleh datang?")
    assert d.verdict != "prohibited", d.rule.id if d.rule else None


@pytest.mark.slow
def test_real_rule_base_a_spouse_s_campaign_on_unpaid_leave_is_unclear_other_leave_is_not(corpus_matcher: RuleMatcher) -> None:
    """Joining a spouse-candidate's campaign on unpaid leave (CLTN): PP 94/2021 bans campaigning with no
    exception, but secondary sources on the 2022 decree speak of that leave: the card says the law
    is unclear. Annual leave changes nothing, and a sibling who runs is no spouse; nor does "you need
    not resign for a relative's candidacy" allow campaigning for them."""
    for q in ("Istri saya maju caleg DPRD kota. Saya PNS dan berencana mengambil cuti di luar tanggungan negara "
              "supaya bisa ikut kampanye bersamanya. Boleh?",
              "My husband is running for mayor. I'm a civil servant; if I go on unpaid leave, can I travel with him on the campaign?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("unclear", "pns-cltn-kampanye-pasangan"), q
    assert corpus_matcher.decide("Saya PNS sedang cuti tahunan, boleh ikut kampanye calon bupati?").verdict == "prohibited"
    d = corpus_matcher.decide("Kakak saya maju caleg DPRD. Saya PNS yang sedang cuti di luar tanggungan negara, boleh ikut kampanye untuk kakak?")
    assert d.verdict != "allowed" and (d.rule is None or d.rule.id != "pns-cltn-kampanye-pasangan"), d.rule.id if d.rule else None


@pytest.mark.slow
def test_real_rule_base_congratulating_the_winner_kpu_has_set_is_unclear(corpus_matcher: RuleMatcher) -> None:
    """PP 94/2021 Pasal 5 huruf n angka 6 reaches 'after the campaign period' and says nothing of a plain
    congratulation once KPU has set the winner: unclear. Before that, on quick counts only, it is not
    that rule's case."""
    for q in ("KPU sudah menetapkan wali kota terpilih dan tidak ada sengketa. Saya PNS, bolehkah saya mengunggah "
              "ucapan selamat untuk wali kota terpilih di Facebook?",
              "Now that KPU has declared the governor-elect, may a civil servant send congratulations on Instagram?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("unclear", "asn-ucapan-selamat-pemenang"), q
    d = corpus_matcher.decide("Quick count menunjukkan paslon 2 menang, tapi KPU belum mengumumkan hasilnya. Saya PNS mau posting "
                              "ucapan selamat untuk paslon 2 di IG, boleh?")
    assert d.verdict != "allowed" and (d.rule is None or d.rule.id != "asn-ucapan-selamat-pemenang"), d.rule.id if d.rule else None


@pytest.mark.slow
def test_real_rule_base_answers_whether_a_punishment_may_be_contested(corpus_matcher: RuleMatcher) -> None:
    """A story of the breach and the punishment, then "can I challenge it?": the appeal is the act
    asked about, matched on the whole story, not the breach the story tells."""
    for q in ("I'm a PNS teacher. Last month the regent's office punished me with a one-year demotion because I shared a "
              "candidate's campaign video, though I deleted it the same day. Can I challenge this decision?",
              "Saya PNS, kemarin dijatuhi hukuman pembebasan dari jabatan 12 bulan karena dianggap ikut kampanye, padahal saya "
              "cuma lewat. Bisakah saya mengajukan keberatan?",
              "I was demoted for sharing a candidate's video. Can I challenge the decision?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "pns-upaya-administratif-hukuman-disiplin"), q


@pytest.mark.slow
def test_real_rule_base_campaign_food_is_the_money_politics_exception_petrol_money_is_not(corpus_matcher: RuleMatcher) -> None:
    """Food served to campaign participants is what the elucidation of UU 10/2016 Pasal 73 ayat (1)
    takes out of "money or other material" within the KPU limit: the rule and that exception are
    shown, no verdict (the amount decides). An envelope of "petrol money" tied to a vote stays
    money politics."""
    d = corpus_matcher.decide("Saya warga biasa, kemarin ikut kampanye paslon wali kota dan dapat nasi kotak. Itu politik uang bukan?")
    assert (d.verdict, d.reasons) == ("unclear", ["exception_stated"]) and d.rule is not None and d.rule.id.startswith("politik-uang-pilkada")
    d = corpus_matcher.decide("Tetangga dikasih amplop 50 ribu sama tim paslon bupati, katanya uang bensin ke TPS, asal pilih nomor 1. Boleh diterima?")
    assert d.verdict == "prohibited" and d.rule is not None and d.rule.id.startswith("politik-uang-pilkada")


@pytest.mark.slow
def test_real_rule_base_a_private_citizen_said_so_gets_the_citizen_s_permission(corpus_matcher: RuleMatcher) -> None:
    """A retired civil servant, or an asker who says they are none: the permission written for
    private citizens answers, even where a ban for some official is about as close in meaning."""
    for q in ("My mother retired from her civil-service job at the district office in 2022. A DPRD candidate from our street "
              "wants her on his campaign team because people trust her. Can she join?",
              "I'm not a civil servant, I run a small shop. Can I join the campaign team of a regent candidate?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "warga-bukan-asn-boleh-kampanye"), q
    assert corpus_matcher.decide("Saya PNS, boleh jadi anggota tim kampanye caleg DPRD?").verdict == "prohibited"


@pytest.mark.slow
def test_real_rule_base_a_political_official_named_gets_the_permission_written_for_them(corpus_matcher: RuleMatcher) -> None:
    """A minister who is a party member may campaign (UU 7/2017 Pasal 299 ayat (2)): the permission
    written for political officials answers when it leads, though the civil servants' ban on
    campaigning is as close in meaning; using the office's property stays outside it."""
    d = corpus_matcher.decide("I am a minister and have been a party member for a long time. During the presidential campaign I'd "
                              "like to record a campaign video for my party's ticket at home on a Sunday and post it. Is that allowed for me?")
    assert d.verdict == "allowed" and d.rule is not None and "pejabat-negara" in d.rule.actors
    for q in ("Our governor is not running this year. May he speak at his party's mayoral candidate pair's rally, arriving in the official car?",
              "Bupati kami tidak ikut pilkada dan sudah dapat izin kampanye. Bolehkah dia kampanye untuk paslon gubernur pakai mobil dinas?"):
        d = corpus_matcher.decide(q)
        assert d.verdict != "allowed" and d.rule is not None and "milik-pemerintah" in d.rule.unless, q


@pytest.mark.slow
def test_real_rule_base_neutrality_does_not_mean_abstaining(corpus_matcher: RuleMatcher) -> None:
    """"Do I have to abstain?" asks whether a civil servant may vote: they may (UU 7/2017 Pasal
    198); a police officer asked the same of a general election may not (Pasal 200)."""
    for q in ("My mum says civil servants have to be neutral so they should skip voting. I'm a CPNS. Do I have to abstain?",
              "Saya PNS. Katanya ASN harus netral, apakah saya harus golput?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "asn-menggunakan-hak-pilih"), q
    d = corpus_matcher.decide("I'm a police officer. Do I have to abstain in the presidential election?")
    assert d.verdict == "prohibited" and d.rule is not None and "TNI-Polri" in d.rule.actors


@pytest.mark.slow
def test_real_rule_base_may_he_is_answered_by_the_ban_close_behind_a_duty(corpus_matcher: RuleMatcher) -> None:
    """Asked whether an official may do something, a ban close behind a duty answers (an
    incumbent's transfers before the confirmation: UU 10/2016 Pasal 71 ayat (2)), not the duty
    about him the story also touches (his campaign leave); one who runs and asks whether he may
    stay in office is still answered by the duty to resign."""
    d = corpus_matcher.decide("The incumbent regent, who will run again, moved three camat to staff posts two months before KPU "
                              "fixes the pairs, without the Minister's written approval. Is the regent allowed to do this?")
    assert _outcome(d) == ("prohibited", "kepala-daerah-ganti-pejabat-jelang-pilkada")
    d = corpus_matcher.decide("Polisi yang nyalon bupati boleh tetap aktif dinas sampai pencoblosan?")
    assert _outcome(d) == ("required", "tni-polri-nyalon-pilkada-mundur")


@pytest.mark.slow
def test_real_rule_base_help_the_organisers_ask_of_a_village_is_no_ban(corpus_matcher: RuleMatcher) -> None:
    """What the election organisers ask of a village (a room for the PPS secretariat, storing
    their supplies) favours no pair: a village head is not given the ban on decisions that
    favour one (UU 10/2016 Pasal 71 ayat (1)); the corpus holds no rule that settles it."""
    for q in ("Saya kepala desa. PPS meminta satu ruangan kantor desa untuk sekretariat selama tahapan pilkada. Boleh saya pinjamkan?",
              "I'm a village head. The PPK asked us to keep their ballot boxes in the village hall storeroom for a week. Is that taking sides?"):
        d = corpus_matcher.decide(q)
        assert d.verdict == "unclear" and d.rule is not None and d.rule.id == "desa-bantu-penyelenggara-pemilihan", (q, d.verdict, d.rule)
    d = corpus_matcher.decide("Saya kepala desa, saya kumpulkan RT dan minta mereka memenangkan paslon bupati nomor 1. Boleh?")
    assert d.verdict == "prohibited"


@pytest.mark.slow
def test_real_rule_base_silence_in_a_family_group_is_no_support_a_volunteer_group_is_not_that(corpus_matcher: RuleMatcher) -> None:
    """Others post campaign material in a group kept for something else and the civil servant
    only reads: none of the acts of support PP 94/2021 Pasal 5 huruf n lists. Joining a
    candidate's volunteer group is not that permission's case."""
    for q in ("Saya guru PNS. Di grup WA keluarga besar, om saya tiap hari kirim video caleg; saya diam saja. Apa saya harus keluar grup?",
              "I'm a PPPK nurse. In my school alumni WhatsApp group some members keep sharing a governor pair's flyers. I never reply. Is that a problem?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "asn-diam-di-grup-berisi-kampanye"), q
    joined = corpus_matcher.decide("I'm a civil servant and joined a regent candidate's volunteer WhatsApp group; I never post, I only read. OK?")
    assert joined.verdict != "allowed"


@pytest.mark.parametrize(
    ("question", "runs"),
    [
        ("My wife has just been confirmed as a candidate for the city DPRD. Must I resign?", True),
        ("min aku PNS, kakak kandungku nyaleg DPRD. boleh nyoblos dia?", True),
        ("Suami saya mau maju jadi calon bupati. Saya PNS, harus mundur?", True),
        ("My younger brother just made it onto KPU's final candidate list for the DPR. Must I take leave?", True),
        ("my father is a deputy regent candidate and I am a PPPK teacher; must I quit", True),
        # the asker runs; the relative only serves
        ("istri saya PNS, saya sendiri swasta mau nyaleg DPRD. istri wajib cuti?", False),
        ("Saya PNS dan mau nyaleg DPR. Apa harus mundur?", False),
        # a relative who runs a business does not run for office; one who runs for it does
        ("A party picked me as its deputy regent candidate. My husband runs a small print shop. Must I resign?", False),
        ("My sister is running the family warung while I campaign. Do I need to quit the police?", False),
        ("My husband is running for the DPRD this year. Do I have to take leave?", True),
        # ... as is a friend's, a neighbour's or a former colleague's
        ("Saya perwira TNI. Sahabat saya sejak SMA maju sebagai calon wali kota. Dia minta saya jadi juru kampanye. Boleh?", True),
        ("A former colleague is running for regent and wants me on his team. I'm a PNS teacher. Can I help?", True),
        ("My friend runs a bakery and I am running for the DPRD. Must I resign?", False),
        # ... nor one whose loan "runs on" the asker's salary
        ("A coalition put me forward as running mate. My wife is nervous: our loan runs on my salary. Must I quit?", False),
        # ... set as a candidate by KPU, told with who set them
        ("My husband was just set by the KPU as a mayoral candidate. I'm a PNS. Must I resign?", True),
        # ... or told as a candidate with no verb; not a candidate for the civil service, nor a candidate one supports
        ("Suami saya caleg DPRD provinsi. Saya PNS, wajib mundur dari pengurus PKK?", True),
        ("Bapak sy calon walikota, sy PNS. Harus cuti?", True),
        ("Suami saya calon PNS, boleh ikut kampanye?", False),
        ("Suami saya mendukung calon bupati, saya PNS harus bagaimana?", False),
    ],
)
def test_a_relative_s_candidacy_is_read_from_the_question(question: str, runs: bool) -> None:
    assert relative_runs(normalise(question)) is runs


@pytest.mark.parametrize(
    ("question", "told"),
    [
        ("Suami saya pengurus DPC partai. Saya PNS, apakah saya bisa dipecat?", True),
        ("ayah sy dilantik jadi ketua DPD salah satu partai, sy guru PPPK, aman ga?", True),
        ("suami orang partai, istrinya PNS kena juga?", True),
        ("My husband is a party official. I'm a CPNS; is my job at risk?", True),
        ("My father chairs the local party branch and I'm a civil servant. Any problem?", True),
        # the asker's own membership, or a relative's that is no party's
        ("Saya PNS dan pengurus partai di desa. Apa saya bisa dipecat?", False),
        ("Suami saya pengurus masjid, saya PNS. Boleh ikut pengajian calon?", False),
        ("My husband is a member of the school board. I'm a PNS; can I attend the debate?", False),
        # "Bapak" before a title is a form of address, not the asker's father
        ("Bapak ketua partai datang ke kantor kami dan minta foto bersama. Saya PNS, boleh?", False),
        ("Bapak saya ketua partai di kecamatan. Saya PNS, apa saya ikut kena?", True),
    ],
)
def test_a_relative_s_party_post_is_read_from_the_question(question: str, told: bool) -> None:
    assert without_relatives_party(normalise(question))[1] is told


@pytest.mark.slow
def test_real_rule_base_a_relative_s_party_post_is_not_the_asker_s_membership(corpus_matcher: RuleMatcher) -> None:
    """The party ban binds the civil servant's own membership (UU 5/2014 Pasal 87 ayat (4) huruf c,
    PP 11/2017 Pasal 255): a spouse or parent who is a party officer makes the asker no party member;
    asked whether they may join too, the asker is not told "allowed"."""
    for q in ("Istri saya bendahara DPC partai. Saya CPNS, katanya bisa diberhentikan karena istri orang partai. Benar?",
              "My father has been a party official for years and I just passed the CPNS test. Can I lose my job over it?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "asn-kerabat-anggota-partai"), (q, d.verdict, d.rule)
    d = corpus_matcher.decide("Suami saya ketua ranting partai. Saya PNS, boleh saya ikut punya KTA partai juga?")
    assert d.verdict != "allowed", (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_the_transitional_article_answers_only_acts_from_before_it(corpus_matcher: RuleMatcher) -> None:
    """PP 94/2021 Pasal 40 carries acts committed under PP 53/2010 into the new regulation: it answers a
    superior handling a case from 2019 or 2020, not one handling a breach from 2024."""
    d = corpus_matcher.decide("Saya kabid. Staf saya waktu pilkada 2020 ikut kampanye pakai atribut, kasusnya baru mau diperiksa "
                              "sekarang. Sebagai atasan, pakai aturan yang mana?")
    assert d.rule is not None and d.rule.id == "pelanggaran-lama-diproses-pp94", (d.verdict, d.rule and d.rule.id)
    for q in ("Kasusnya begini: Maret 2024, staf saya yang PNS rajin membuat video TikTok memperkenalkan bakal calon gubernur. "
              "Katanya belum ada calon resmi jadi belum ada aturan. Sebagai kabid, apa yang harus saya sampaikan ke dia?",
              "Saya kabag. Staf saya bulan lalu ikut kampanye paslon bupati pakai kaos partai. Sebagai atasan apa yang harus saya lakukan?"):
        d = corpus_matcher.decide(q)
        assert d.rule is None or d.rule.id != "pelanggaran-lama-diproses-pp94", (q, d.verdict)


@pytest.mark.slow
def test_real_rule_base_running_for_office_is_the_asker_s_own_at_any_stage(corpus_matcher: RuleMatcher) -> None:
    """The duty to resign to run (UU 10/2016 Pasal 7 ayat (2) huruf t, PP 11/2017 Pasal 254)
    answers the civil servant who runs, also once KPU has confirmed them or during the campaign;
    a relative's candidacy, or a candidate pair the asker campaigns for, is not the asker running."""
    for q in ("Saya PNS di dinas perikanan. Minggu lalu KPU sudah menetapkan saya dan pasangan saya sebagai paslon bupati. "
              "Apakah saya wajib mundur sekarang?",
              "I'm a civil servant at the port authority and a party has put me on its DPR list. Can I just take unpaid leave "
              "during the campaign and come back to my desk if I lose?"):
        d = corpus_matcher.decide(q)
        assert d.verdict == "required" and d.rule is not None and "pencalonan" in d.rule.elements, (q, d.verdict, d.rule)
        assert d.rule.id != "pns-ingin-masuk-parpol-wajib-mundur", q
    _answered_without(corpus_matcher, "pencalonan", "My wife has just been confirmed as a candidate for the city DPRD. I'm a PNS teacher. "
                      "Must I resign while she runs?", "kades boleh jadi jurkam paslon cagub?")


@pytest.mark.slow
def test_real_rule_base_support_by_identity_card_needs_the_card_or_letter(corpus_matcher: RuleMatcher) -> None:
    """The bans on giving or collecting ID copies and support letters (PP 94/2021 Pasal 5 huruf n
    angka 7) answer a question that names them, not any superior's request for a candidate."""
    d = corpus_matcher.decide("Kepala bidang minta semua staf setor fotokopi KTP untuk dukungan calon DPD. Saya PNS, harus ikut?")
    assert d.verdict == "prohibited" and d.rule is not None and "surat-dukungan" in d.rule.elements, (d.verdict, d.rule)
    _answered_without(corpus_matcher, "surat-dukungan", "Atasan saya minta kami datang ke pelantikan bupati baru pakai seragam dinas. Boleh?",
                      "I'm a PNS. My daughter's wedding is next week and my cousin, a regent candidate, will give a blessing. Is that a breach?")


@pytest.mark.slow
def test_real_rule_base_the_general_duty_of_neutrality_answers_only_what_one_must_do(corpus_matcher: RuleMatcher) -> None:
    """The general duty (UU 20/2023 Pasal 24 ayat (1) huruf d) answers "must I be neutral?"; a story
    of one act that asks nothing of a duty is the act's own rule or no clear rule, never "required"."""
    d = corpus_matcher.decide("Saya PPPK di dinas perhubungan, apakah saya juga wajib netral seperti PNS?")
    assert (d.verdict, d.rule and d.rule.id) == ("required", "asn-wajib-netral"), (d.verdict, d.rule)
    for q in ("Saya guru PPPK. Katanya aturan netralitas cuma buat PNS, jadi saya boleh jadi koordinator relawan caleg. Benar begitu?",
              "I'm a PPPK nurse and my uncle wants me as village coordinator of his campaign team. Neutrality is only for PNS, right?"):
        d = corpus_matcher.decide(q)
        assert d.verdict in ("prohibited", "unclear") and (d.rule is None or d.rule.id != "asn-wajib-netral"), (q, d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_a_resignation_made_to_run_cannot_be_taken_back(corpus_matcher: RuleMatcher) -> None:
    """The resignation a civil servant made to run cannot be withdrawn (PP 11/2017 Pasal 254 ayat
    (2); elucidation of UU 5/2014 Pasal 123 ayat (3)): one who has resigned and lost asks the ban on
    taking it back; one still planning to run who asks whether they could come back is told the duty."""
    for q in ("Sy sudah mengundurkan diri dari PNS karena maju jadi calon wakil wali kota, trus kalah. Bisa sy cabut pengunduran dirinya?",
              "I handed in my resignation from the civil service when the KPU named me a DPD candidate. I lost. Can I take it back?"):
        d = corpus_matcher.decide(q)
        assert (d.verdict, d.rule and d.rule.id) == ("prohibited", "pns-tarik-pengunduran-diri-calon"), (q, d.verdict, d.rule)
    q = "Saya PNS dan mau maju jadi calon bupati. Kapan saya wajib mundur, dan kalau kalah bisa balik lagi jadi PNS?"
    d = corpus_matcher.decide(q)
    assert d.verdict == "required" and d.rule is not None and "pencalonan" in d.rule.elements, (q, d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_a_relative_s_candidacy_asks_no_resignation_of_the_asker(corpus_matcher: RuleMatcher) -> None:
    """The duty to resign binds the civil servant who runs (PP 11/2017 Pasal 254, UU 5/2014 Pasal
    123 ayat (3)), never one whose relative runs; a relative who serves and runs is the one asked
    about, and must resign."""
    for q in ("my brother is running for regent. I'm a PNS. Do I have to resign?",
              "Kakak saya nyaleg DPR, saya PNS. Apa saya harus cuti di luar tanggungan negara?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "asn-kerabat-nyalon-tidak-wajib-mundur"), (q, d.verdict)
    for q in ("suami saya PNS mau nyalon bupati, harus mundur nggak?",
              "my dad is a civil servant and wants to run for regent; must he quit his job?"):
        d = corpus_matcher.decide(q)
        assert d.verdict == "required" and d.rule is not None and "pencalonan" in d.rule.elements, (q, d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_an_enterprise_employee_is_bound_by_the_election_law_that_names_them(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 70 ayat (1) huruf a names only the officials of state- or region-owned
    enterprises; UU 7/2017 Pasal 280 ayat (3) bars their employees from general-election campaign
    teams. Neither answer is a civil servant's."""
    d = corpus_matcher.decide("Saya karyawan PDAM bagian pelayanan, bukan pejabat. Boleh ikut kampanye calon bupati hari Minggu?")
    assert _outcome(d) == ("allowed", "karyawan-bumn-kampanye-pilkada"), d.verdict
    d = corpus_matcher.decide("I'm a BUMN employee. Can I join a DPR candidate's campaign team for the legislative election?")
    assert _outcome(d) == ("prohibited", "karyawan-bumn-tim-kampanye-pemilu"), d.verdict


@pytest.mark.slow
def test_real_rule_base_may_i_join_a_party_is_the_ban_and_what_must_i_do_the_resignation(corpus_matcher: RuleMatcher) -> None:
    """The duty to resign before joining a party (PP 11/2017 Pasal 255 ayat (2)) answers one who asks
    what they must do; one who asks whether they may join, or join now and resign later, gets the ban."""
    for q in ("Pemilu udah lewat, pilkada jg udah beres. Sy ASN, skrg boleh dong daftar jd anggota partai?",
              "Saya guru PNS. Boleh nggak saya jadi anggota partai sekarang, mundurnya nanti saja kalau sudah pensiun?",
              "A party offered me a seat on its branch board. I'm a civil servant. Can I accept it now and resign from the service later?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("prohibited", "pns-anggota-parpol"), (q, d.verdict, d.rule)
    d = corpus_matcher.decide("sy PNS, trnyata dulu wkt kuliah prnh daftar jd anggota partai & kartunya msh aktif smp skrg. hrs gmn ya?")
    assert _outcome(d) == ("required", "pns-ingin-masuk-parpol-wajib-mundur"), (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_a_superior_asking_what_they_must_do_gets_the_handling_duty(corpus_matcher: RuleMatcher) -> None:
    """A superior who tells of a staff member's act and asks what they must do, or whether they
    may let it go, asks about handling the case (PP 94/2021 Pasal 24-27), even without a word of
    procedure ("examine", "summon")."""
    for q in ("I'm head of a sub-district health centre. One of my PNS nurses was photographed handing out a DPR candidate's "
              "stickers to patients during the campaign. What am I obliged to do as her boss, or can I let it go?",
              "Saya kepala seksi dan atasan langsung Dedi, PNS yang membagikan kalender caleg di pasar saat masa kampanye. "
              "Apa yang wajib saya lakukan sebagai atasannya?",
              # ... or whether a lighter handling than an examination will do
              "Saya kepala seksi, atasan langsung Budi. Budi ketahuan ikut kampanye pakai kaos paslon. Cukup saya tegur lisan saja kan?"):
        d = corpus_matcher.decide(q)
        assert d.verdict == "required" and d.rule is not None and "penanganan" in d.rule.elements, (q, d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_running_for_office_named_by_a_party_is_no_joining_it(corpus_matcher: RuleMatcher) -> None:
    """A civil servant a party nominates asks about the duty to resign to run (PP 11/2017 Pasal 254), not the duty to
    resign before joining a party (Pasal 255): the party that nominates him is no membership."""
    for q in ("Saya kabid di dinas PU. Dua partai mengusulkan saya maju wakil bupati. Kapan saya wajib mundur dari PNS?",
              "I'm a PNS. A coalition of parties wants me on the ticket as running mate for mayor. When must I resign?"):
        d = corpus_matcher.decide(q)
        assert d.verdict == "required" and d.rule is not None and "pencalonan" in d.rule.elements, (q, d.verdict, d.rule)
    d = corpus_matcher.decide("Saya PNS dan mau gabung partai politik. Apa harus mengundurkan diri dulu?")
    assert _outcome(d) == ("required", "pns-ingin-masuk-parpol-wajib-mundur"), d.rule


@pytest.mark.slow
def test_real_rule_base_those_compared_with_are_not_in_the_story(corpus_matcher: RuleMatcher) -> None:
    """"He must stay neutral like civil servants" does not tell that a campaign involves civil
    servants: a regent not running who asks for a campaign permit keeps the permission."""
    q = ("Our regent is not running this year and chairs his party. He will ask for a campaign permit and speak at his party's "
         "governor pair's rally on Saturday in his own car, but some say a regent must stay neutral like civil servants. Who is right?")
    d = corpus_matcher.decide(q)
    assert _outcome(d) == ("allowed", "kepala-daerah-kampanye-pilkada-dengan-izin"), (d.verdict, d.reasons)


@pytest.mark.slow
def test_real_rule_base_a_retired_civil_servant_may_join_a_party_a_serving_one_may_not(corpus_matcher: RuleMatcher) -> None:
    """UU 5/2014 Pasal 87: a civil servant who joins a party is dismissed, one who reaches the
    retirement age is discharged and no civil servant any more. Changing only the asker's
    status changes the verdict."""
    retired = corpus_matcher.decide("Saya sudah pensiun dari PNS tahun lalu. Boleh saya jadi pengurus partai di kabupaten?")
    assert (retired.verdict, retired.rule.id if retired.rule else None) == ("allowed", "pensiunan-pns-boleh-masuk-partai"), retired.reasons
    serving = corpus_matcher.decide("Saya PNS di dinas pendidikan. Boleh saya jadi pengurus partai di kabupaten?")
    assert serving.verdict != "allowed", (serving.verdict, serving.rule)


@pytest.mark.slow
def test_real_rule_base_an_official_who_campaigns_without_the_way_the_law_opens_is_not_allowed(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 70 ayat (2) lets a regional head join a campaign by applying for campaign
    permission, and UU 7/2017 Pasal 299 ayat (3) lets a non-party official campaign only when
    registered with KPU: told that the way was not taken, the permission is no answer."""
    for q in ("Our regent is not running. Can he speak at his party's governor pair's rally without applying for a campaign permit?",
              "Menteri kami bukan kader partai dan namanya tidak tercantum sebagai tim kampanye yang didaftarkan ke KPU. "
              "Bolehkah beliau berkampanye untuk capres?"):
        d = corpus_matcher.decide(q)
        assert d.verdict != "allowed", (q, d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_a_call_to_vote_that_names_no_side_is_allowed(corpus_matcher: RuleMatcher) -> None:
    """Every act of support PP 94/2021 Pasal 5 huruf n lists is support for a candidate: urging
    people to turn out, naming no side, is none of them. Naming a pair is the ban again."""
    for q in ("Saya PNS di dinas pertanian. Boleh saya pasang status WA 'jangan golput, cek nama di daftar pemilih' tanpa menyebut calon?",
              "I'm a PPPK clerk. May I forward the KPU poster with the voting date to my neighbourhood group? It names no candidate."):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "asn-ajak-gunakan-hak-pilih-tanpa-calon"), (q, d.verdict, d.reasons)
    d = corpus_matcher.decide("Saya PNS. Boleh saya pasang status 'jangan golput, pilih paslon nomor 2' di WA?")
    assert d.verdict != "allowed", (d.verdict, d.rule)


@pytest.mark.parametrize("opening", ["", "Mau tanya, ", "Halo min, ", "Quick question: "])
def test_the_asker_s_own_intro_is_left_out_of_an_official_s_story_after_an_opener(opening: str) -> None:
    """The asker's words on who they are are no fact of the official's act, also after a greeting
    or an opener ("Mau tanya, saya staf protokol. ...")."""
    facts = analyse(f"{opening}saya staf protokol setda. Bupati kami mau jadi jurkam capres pekan depan. Boleh bupati kampanye?")
    assert facts.actor == "kepala-daerah"
    story = RuleMatcher.story_of_another(facts)
    assert "staf" not in story and "bupati kami mau jadi" in story
    # ... also where the intro ends at a comma ("I'm an aide to our regent, a party cadre who ...")
    facts = analyse(f"{opening}I'm an aide to our regent, a party cadre who wants to speak at a rally for his party's governor pair. "
                    "Some staff insist regional heads must stay neutral. Can he campaign at all?")
    story = RuleMatcher.story_of_another(facts)
    assert facts.actor == "kepala-daerah" and "aide" not in story and "party cadre" in story


@pytest.mark.slow
def test_real_rule_base_the_asker_who_tells_of_an_official_is_not_in_the_official_s_act(corpus_matcher: RuleMatcher) -> None:
    """"Saya staf protokol." opens a question about the governor's campaigning: the staff member who
    asks is no staff brought to the campaign, so the permission's exception is not told."""
    q = ("Saya staf protokol. Gubernur kami tidak maju lagi, mau jadi jurkam cagub partainya hari Minggu pakai mobil pribadi "
         "dan sudah urus izin kampanye. Benar nggak gubernur dilarang kampanye?")
    d = corpus_matcher.decide(q)
    assert _outcome(d) == ("allowed", "kepala-daerah-kampanye-pilkada-dengan-izin"), (d.verdict, d.reasons)
    d = corpus_matcher.decide("Gubernur kami tidak maju lagi, mau jadi jurkam cagub partainya dan membawa staf protokol pemprov. Boleh?")
    assert d.verdict != "allowed", (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_handling_a_case_answers_the_one_who_handles_it(corpus_matcher: RuleMatcher) -> None:
    """The duties of whoever handles a case (examine, punish, how punishments combine) answer a
    superior asking about their staff, or a question that asks about the handling; a story of an
    act that mentions a sanction or an order from above and asks whether the asker must go along
    is about the act, not about procedure."""
    d = corpus_matcher.decide("Salah satu staf saya dilaporkan Bawaslu karena ikut kampanye caleg. Sebagai atasannya, apa saya wajib memanggil dan memeriksanya?")
    assert _outcome(d) == ("required", "atasan-langsung-wajib-periksa")
    for q in ("Saya guru PNS. Kepala sekolah mengumpulkan kami dan bilang semua guru wajib datang ke acara caleg hari Minggu pakai kaos "
              "bergambar calon itu; yang tidak datang akan dievaluasi. Saya takut kena sanksi netralitas. Apakah saya harus menurut?",
              "I'm a PNS clerk. My division head told all of us to attend a candidate's rally on Saturday in the candidate's "
              "T-shirt, and said those who skip it will be evaluated. I'm afraid of a neutrality sanction. Must I obey?"):
        d = corpus_matcher.decide(q)
        assert d.rule is None or "penanganan" not in d.rule.elements, (q, d.rule.id)
        assert d.verdict != "required", (q, d.verdict)
    # an assignment the asker doubts, told with "handling" in the story: no duty of whoever handles a case
    _answered_without(corpus_matcher, "penanganan", "I'm a PNS nurse. The hospital director assigned me to the KPU health check team "
                      "for the regent candidates. A colleague says handling candidates breaks neutrality and I should refuse. Should I step aside?")


@pytest.mark.slow
def test_real_rule_base_the_steps_of_a_case_answer_with_their_own_provision(corpus_matcher: RuleMatcher) -> None:
    """Questions on one step of a disciplinary case (the summons, staying away, the team, the
    decision's delivery) get that step's rule and Pasal, not the superior's general duty; a
    story of a relief from duties whose pay goes on is never told that stopping pay is banned."""
    for q, rule, cite in (
        ("saya dipanggil periksa soal foto dengan caleg cuma lewat WA tanpa surat, harus datang?",
         "panggilan-pemeriksaan-tertulis", "PP 94/2021 Pasal 26 ayat (1)"),
        ("If I ignore both summonses, can they still punish me?",
         "tidak-hadir-panggilan-kedua-dihukum-tanpa-pemeriksaan", "PP 94/2021 Pasal 26 ayat (4)"),
        ("Kasus saya diancam hukuman berat, apakah cukup diperiksa kasubag saya saja?",
         "tim-pemeriksa-pelanggaran-berat", "PP 94/2021 Pasal 29 ayat (2)"),
        ("Saya dihukum karena ikut kampanye paslon. SK hukdis sy ditandatangani tgl 1 tp baru nyampe ke sy tgl 20, berlakunya kapan?",
         "keputusan-hukuman-disiplin-disampaikan-dan-berlaku", "PP 94/2021 Pasal 38 ayat (1)"),
    ):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("required", rule), q
        assert d.rule.basis[0].text == cite
    d = corpus_matcher.decide("I was relieved of my post duties while the examination team looks into a campaign complaint against me; "
                              "an acting head was named and my salary is still being paid. Can my superior do this before anything is proven?")
    assert d.verdict != "prohibited", d.rule.id if d.rule else None


@pytest.mark.slow
def test_real_rule_base_a_permission_whose_exception_is_told_does_not_hold_a_ban_open(corpus_matcher: RuleMatcher) -> None:
    """A minister may campaign on leave without the facilities of office; told with official staff
    in tow and no leave, the permission's own exception is stated and the ban answers alone."""
    d = corpus_matcher.decide("Seorang menteri dari partai ikut kampanye capres pada hari kerja, naik mobil dinas dan membawa staf "
                              "kementerian, tanpa cuti. Boleh?")
    assert d.verdict == "prohibited", (d.verdict, d.reasons)


@pytest.mark.slow
def test_real_rule_base_a_regional_head_not_running_campaigns_with_a_permit(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 70 ayat (3) (leave, no facilities of office) binds a regional head who
    runs again; one who is not running joins a campaign with a permit (ayat (2)). Told "not
    running", the incumbent's duty is excepted and hands over to the permission its exception
    cites; the facilities rule cites no permission, so it hands over to nothing."""
    rules = {r.id: r for r in corpus_matcher.rules}
    permit = rules["kepala-daerah-kampanye-pilkada-dengan-izin"]
    assert rules["petahana-wajib-cuti-kampanye-pilkada"].exception_cites(permit)
    assert not rules["petahana-pakai-fasilitas-jabatan-pilkada"].exception_cites(permit)
    for q in ("Bupati kami tidak mencalonkan diri lagi. Bolehkah dia ikut berkampanye untuk calon bupati dari partainya?",
              "Our governor is term-limited and not running this year. May she speak at the rally of her party's candidate "
              "pair in the regional election?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", permit.id), (q, d.verdict, d.rule, d.reasons)
    d = corpus_matcher.decide("Wali kota kami maju lagi untuk periode kedua. Apakah dia harus cuti selama masa kampanye?")
    assert _outcome(d) == ("required", "petahana-wajib-cuti-kampanye-pilkada"), (d.verdict, d.rule)
    d = corpus_matcher.decide("The regent is not running again. Can he use the official car at the rally of his party's "
                              "regional election candidate?")
    assert d.verdict != "allowed", (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_cheering_for_a_side_is_not_following_the_candidates(corpus_matcher: RuleMatcher) -> None:
    """Watching a debate as a voter is allowed; cheering for one pair while watching states the
    permission's exception (support shown), so the card gives no "allowed"."""
    d = corpus_matcher.decide("Saya PNS, nonton debat paslon gubernur di YouTube, boleh?")
    assert _outcome(d) == ("allowed", "asn-ikuti-debat-calon"), (d.verdict, d.rule)
    for q in ("Saya PNS, mau nonton debat paslon gubernur di YouTube sambil bersorak tiap paslon 2 bicara. Boleh?",
              "I'm a PNS. Can I watch the debate on TV and cheer for pair 1 in the comments?"):
        assert corpus_matcher.decide(q).verdict != "allowed", q


@pytest.mark.slow
def test_real_rule_base_listening_in_official_uniform_is_no_unclear_listening(corpus_matcher: RuleMatcher) -> None:
    """Only listening at a rally without attributes is the unclear case (Penjelasan PP 94/2021 Pasal 5
    huruf n angka 1); a question that tells the official uniform ("baju dinas") states that rule's
    exception, and the prohibition answers."""
    for q in ("Kepala sekolah menyuruh kami guru PNS datang ke kampanye paslon wali kota hari Minggu, wajib pakai baju dinas. Saya boleh ikut?",
              "My head of office wants us PNS staff at the mayoral pair's rally on Saturday, in our official uniform. Can I go?"):
        assert corpus_matcher.decide(q).verdict == "prohibited", q
    for q in ("Saya guru PNS, mau datang ke kampanye terbuka calon bupati sekadar mendengarkan, pakai baju biasa tanpa atribut. Boleh?",
              "I'm a PNS; may I go to a rally just to listen, in plain clothes?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("unclear", "pns-dengar-kampanye-tanpa-atribut"), (q, d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_a_task_for_the_election_organisers_is_no_support(corpus_matcher: RuleMatcher) -> None:
    """Moderating a regional election's debate: the law has KPU pick the moderator from academics
    who take no side (UU 10/2016 Pasal 68 ayat (3)), so a civil-servant academic may. Examining
    every candidate's health for KPU, or sitting on a polling-station committee, supports no
    candidate either: the regional election law has a civil servant lead the PPK secretariat and
    draws KPPS members from the residents around the station (Pasal 16 ayat (4), Pasal 21 ayat (1)).
    An officer who steers a voter to a number is no longer doing the organisers' task: never "allowed"."""
    d = corpus_matcher.decide("KPU invited me, a PNS lecturer, to moderate the debate between the regent candidates. Is that allowed or must I refuse?")
    assert _outcome(d) == ("allowed", "akademisi-asn-moderator-debat-pilkada"), (d.verdict, d.rule)
    # in chat too, where the general rule on tasks for the organisers is as close: moderating is its stated exception
    d = corpus_matcher.decide("sy dosen PNS, ditawarin KPU kab jd moderator debat paslon bupati. boleh ga?")
    assert _outcome(d) == ("allowed", "akademisi-asn-moderator-debat-pilkada"), (d.verdict, d.rule)
    assert [c.text for c in d.rule.basis] == ["UU 10/2016 Pasal 68 ayat (3)", "UU 10/2016 Pasal 68 ayat (5)"]
    for q in ("Saya perawat PNS, rumah sakit kami ditunjuk KPU memeriksa kesehatan semua bakal calon bupati dan saya masuk tim pemeriksa. Boleh?",
              "Saya PNS, diminta PPS jadi anggota KPPS di TPS dekat rumah untuk pilkada. Boleh?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "pns-tugas-untuk-penyelenggara-pemilu"), (q, d.verdict, d.rule)
    # (this English one has a close prohibition beside it, on advising a prospective candidate: never "prohibited")
    d = corpus_matcher.decide("I'm a civil servant and the village PPS wants me on the KPPS at my polling station for the regent election. May I serve on it?")
    assert d.verdict != "prohibited", (d.verdict, d.rule)
    d = corpus_matcher.decide("Saya PNS anggota KPPS pilkada. Waktu hari H saya bilang ke pemilih lansia, pilih nomor 1 saja. Salah nggak?")
    assert d.verdict != "allowed", (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_a_guest_at_a_family_occasion_a_candidate_attends(corpus_matcher: RuleMatcher) -> None:
    """No form of support in PP 94/2021 Pasal 5 huruf n names being a guest at a wedding or a funeral a
    candidate also attends: allowed. A photo with the candidate, posted, is the rule's stated exception
    (the 2022 decree lists such photos when they carry a sign of support): never "allowed"."""
    d = corpus_matcher.decide("Adik ipar saya menikah bulan depan dan salah satu calon wali kota diundang juga. Saya guru PNS, boleh tetap datang ke resepsinya?")
    assert _outcome(d) == ("allowed", "asn-tamu-acara-keluarga-dihadiri-calon"), (d.verdict, d.rule)
    d = corpus_matcher.decide("At my brother-in-law's wedding a mayoral candidate was a guest; I took a selfie with him and posted it. I'm a PNS. Is that allowed?")
    assert d.verdict != "allowed", (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_an_acting_officer_for_a_vacant_post_is_no_replacement(corpus_matcher: RuleMatcher) -> None:
    """The elucidation of UU 10/2016 Pasal 71 ayat (2): a regional head fills a vacant post with an
    acting officer; the barred replacement is a transfer. Told so, the card says "allowed"; a
    reshuffle in the same months stays the ban."""
    for q in ("Kepala dinas pendidikan meninggal, lalu bupati petahana menunjuk Plt empat bulan sebelum penetapan paslon. "
              "Apakah bupati melanggar larangan penggantian pejabat?",
              "Our public works head retired and the mayor, who is running again, appointed an acting head three months before "
              "the regional election pairs are set. Isn't that the ban on replacing officials?",
              # an acting regent (Pj) is bound by Art. 71(2) as the elected head is (Art. 71(4)), and may do the same
              "Our education office head retired three months before the KPU sets the candidate pairs. The acting regent wants "
              "to appoint the office secretary as Plt so the paperwork does not stall. Can the Pj name a Plt?",
              "Kepala dinas pendidikan pensiun tiga bulan sebelum penetapan paslon. Pj bupati mau menunjuk sekretaris dinas sebagai Plt. Boleh?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "kepala-daerah-tunjuk-plt-jabatan-kosong"), (q, d.verdict, d.rule)
    d = corpus_matcher.decide("Bupati petahana memutasi tiga kepala dinas empat bulan sebelum penetapan paslon. Apakah itu melanggar?")
    assert _outcome(d) == ("prohibited", "kepala-daerah-ganti-pejabat-jelang-pilkada"), (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_on_official_events_and_victory_parties(corpus_matcher: RuleMatcher) -> None:
    """Attending the elected head's inauguration on an official assignment is no campaign, but no
    provision says so expressly: the card says the law is unclear and why, never "prohibited". A
    victory party stays support for the winner, assignment or not."""
    d = corpus_matcher.decide("Kami dapat surat tugas hadir berseragam di pelantikan wali kota terpilih. Apakah itu melanggar netralitas?")
    assert _outcome(d) == ("unclear", "pns-tugas-dinas-acara-resmi")
    assert corpus_matcher.decide("Saya ditugaskan jadi MC di acara syukuran kemenangan paslon bupati, boleh?").verdict == "prohibited"


# ---------------------------------------------------------------------------- the real rule base (slow)

OUTSIDE = [
    "Berapa gaji PNS golongan III/a?", "How many days of annual leave does a civil servant get?",
    "Bolehkah PNS membuka usaha warung kopi?", "Bagaimana cara mengurus kenaikan pangkat?",
    "What is the retirement age for teachers?", "berapa lama cuti melahirkan untuk PNS perempuan",
    "Apakah tunjangan kinerja dipotong kalau terlambat masuk kantor?", "Is it legal to keep a pet snake?",
]


@pytest.mark.slow
def test_real_rule_base_generalises_across_languages() -> None:
    """Each rule's situations in one language, asked against the rules with only the other
    language's situations: mostly the rule's verdict, rarely another, almost never the
    opposite one; questions outside elections are never answered."""
    import dataclasses

    from kb.embed import load_embedder
    from kb.rules import RuleBase, Texts

    folder = ROOT / "corpus" / "rules"
    if not list(folder.glob("*.toml")):
        pytest.skip("no corpus/rules/*.toml yet")
    base, emb = load_rules(folder), load_embedder(Settings.from_env())
    for keep, ask in (("id", "en"), ("en", "id")):
        rules = [dataclasses.replace(r, situations=Texts(*((r.situations.id, ()) if keep == "id" else ((), r.situations.en)))) for r in base]
        m = RuleMatcher(RuleBase(rules, base.folder, base.digest + keep, base.elements), emb)
        asked = [(r, q) for r in base for q in r.situations.get(ask)]
        got = [(r.verdict, m.decide(q).verdict) for r, q in asked]
        right = sum(want == v for want, v in got if want != "unclear")
        wrong = sum(v not in ("unclear", "depends", want) for want, v in got)
        danger = sum({want, v} == {"allowed", "prohibited"} for want, v in got)
        n = len(asked)
        assert right >= 0.6 * n and wrong <= 0.08 * n and danger <= 0.02 * n, (keep, right, wrong, danger, n)
        assert all(m.decide(q).verdict == "unclear" for q in OUTSIDE)


def test_a_permission_does_not_exclude_what_another_of_its_situations_states(tmp_path: Path) -> None:
    """One situation negates a word ("a minister who is not a party member") that another
    states ("a regent who is a party cadre"): the rule covers both, so the word excludes
    nothing; what no situation states stays excluded."""
    from kb.rulematch import exclusions

    member = LISTENER.replace('"listened to a campaign speech as a voter"',
                              '"listened to a campaign speech as a voter, not as a party member", "a party member listened to the speech"')
    (tmp_path / "r.toml").write_text(member)
    ex = exclusions(load_rules(tmp_path).by_id["pns-dengar-kampanye"])
    assert "member" not in ex and {"atribut", "kaos", "uniform"} <= ex


REPORT_AND_REFUSE = """
[[element]]
name = "melapor"
words_id = ["lapor", "melaporkan", "melaporkannya"]
words_en = ["report", "reporting"]

[[element]]
name = "menolak"
words_id = ["tolak", "menolak"]
words_en = ["refuse", "refusing"]

[[rule]]
id = "lapor-pelanggaran"
actors = ["ASN", "warga"]
verdict = "allowed"
elements = ["melapor"]
act_id = "melaporkan dugaan pelanggaran netralitas"
act_en = "reporting a suspected neutrality breach"
situations_id = ["boleh lapor ASN yang kampanye ke Bawaslu?", "warga boleh melaporkan PNS tidak netral", "bisa lapor pelanggaran netralitas online?",
  "saya melaporkan camat yang kampanye"]
situations_en = ["can I report a civil servant who campaigns", "may citizens report a partisan official", "reporting a breach online",
  "I am reporting a village head who campaigns"]
basis = ["UU 10/2016 Pasal 30 huruf b"]
reviewed = "summary only: corpus/src/regulations/uu-10-2016.toml"

[[rule]]
id = "boleh-tolak-perintah"
actors = ["ASN"]
verdict = "allowed"
elements = ["menolak"]
act_id = "menolak perintah atasan untuk mendukung calon"
act_en = "refusing a superior's order to support a candidate"
situations_id = ["bolehkah menolak perintah atasan ikut kampanye calon", "saya menolak disuruh pasang stiker calon",
  "menolak perintah camat kumpulkan dukungan", "saya tolak ajakan kepala dinas ke acara calon"]
situations_en = ["may I refuse my boss's order to join a candidate's campaign", "I am refusing to put up a candidate's sticker",
  "refusing my supervisor's order to collect support", "I refuse to go to the candidate's event my boss set up"]
basis = ["UU 5/2014 Pasal 5 ayat (2) huruf e"]
reviewed = "summary only: corpus/src/regulations/uu-5-2014.toml"

[[rule]]
id = "atasan-paksa-bawahan"
actors = ["PNS", "pejabat-asn"]
verdict = "prohibited"
act_id = "atasan memaksa bawahan mendukung calon atau menghukum yang menolak"
act_en = "a superior forcing staff to back a candidate or punishing those who refuse"
situations_id = ["atasan memaksa staf ikut kampanye calon dan mengancam mutasi", "atasan menurunkan nilai kinerja staf yang menolak kampanye",
  "kepala dinas mewajibkan pegawai hadir di deklarasi calon", "camat mengancam memutasi staf yang tidak dukung calon"]
situations_en = ["my boss forces us to join a candidate's campaign and threatens transfers", "my boss demoted staff refusing to campaign",
  "the agency head requires staff to attend a candidate's declaration", "the sub-district head threatens to transfer staff who won't back a candidate"]
basis = ["PP 94/2021 Pasal 5 huruf n angka 6"]
sanction_level = "disiplin-berat"
sanction_id = "hukuman disiplin berat"
sanction_en = "heavy disciplinary punishment"
enforcer_id = "Pejabat yang Berwenang Menghukum"
enforcer_en = "the official competent to punish"
reviewed = "summary only: corpus/src/regulations/pp-94-2021.toml"

[[element]]
name = "penanganan"
words_id = ["memproses", "memeriksa", "diperiksa", "staf saya"]
words_en = ["process", "examine", "my staff"]

[[rule]]
id = "atasan-wajib-periksa"
actors = ["PNS", "pejabat-asn"]
verdict = "required"
elements = ["penanganan"]
act_id = "atasan langsung memeriksa staf yang diduga melanggar netralitas"
act_en = "a direct superior examining staff suspected of a neutrality breach"
situations_id = ["staf saya ikut kampanye, saya wajib memeriksa?", "atasan harus memproses staf yang kampanye", "staf saya diduga tidak netral, perlu diperiksa?",
  "apakah saya harus memproses bawahan yang kampanye"]
situations_en = ["my staff joined a campaign; must I examine him", "a superior must process staff who campaign", "my staff is suspected of partisanship; examine him?",
  "do I have to process a subordinate who campaigned"]
basis = ["PP 94/2021 Pasal 26 ayat (1)"]
enforcer_id = "Pejabat Pembina Kepegawaian"
enforcer_en = "the staffing authority"
reviewed = "summary only: corpus/src/regulations/pp-94-2021.toml"
"""


@pytest.mark.parametrize(
    ("question", "element", "asks"),
    [
        ("Atasan memaksa staf ikut kampanye. Saya boleh melaporkannya ke Bawaslu? Atau lewat atasan?", "melapor", "melaporkannya"),
        ("My boss pressures us to attend a rally. Can I report this to Bawaslu?", "melapor", "report this"),
        ("I don't want to go. Can I refuse, or is that disobeying a superior?", "menolak", "refuse"),
        ("Bolehkah saya menolak perintah atasan untuk hadir di kampanye?", "menolak", "menolak"),
        # where or to whom to report presumes one may: the report is still the act asked about
        ("My boss pressures us to attend a rally. Where can I report this?", "melapor", "report"),
        ("Ke mana saya bisa lapor kalau atasan memaksa ikut kampanye?", "melapor", "lapor"),
        ("blh ga sih lapor atasan sndiri ke bawaslu kalo dia maksa2 kita ikut kampanye?", "melapor", "lapor"),  # "or not" and chat spelling
        ("atasan maksa ikut acara paslon, aku ga mau. lapornya ke mana ya?", "melapor", "lapornya"),
        # "may I?" after the act, in the asker's own clause
        ("kalau atasan maksa ikut kampanye, lapornya ke bawaslu bisa ga?", "melapor", "lapornya"),
        ("Perintah kadis untuk pasang spanduk itu saya tolak, boleh?", "menolak", "tolak"),
        ("Atasan melaporkan saya ke BKD, bisa?", None, None),  # another's report
        # whether they were wrong to do it, or whether doing it gets them punished
        ("Kasubag menyuruh saya memasang spanduk calon, saya tolak. Apakah saya salah nggak menolak?", "menolak", "menolak"),
        ("My boss told me to collect votes for a pair and I said no. Was I wrong to refuse?", "menolak", "refuse"),
        ("kalau aku laporin kadis ke bawaslu krn maksa kami ikut kampanye, aku bisa kena sanksi?", "melapor", "melaporkan"),
        ("Kalau saya lapor kadis ke Bawaslu karena memaksa kami ikut kampanye, saya bisa kena sanksi?", "melapor", "lapor"),
        ("If we report the principal for making us wear campaign shirts, could we be disciplined?", "melapor", "report"),
        ("If I report my kabid to Bawaslu for this, am I breaking neutrality or disobeying him?", "melapor", "report"),
        ("if i refuse my boss's order to go to a candidate rally, is that insubordination?", "menolak", "refuse"),
        ("Kalau saya menolak perintah kabid ikut kampanye, apa itu pembangkangan?", "menolak", "menolak"),
        # who the asker is, between "if I" and the act
        ("klo sy (PNS) lapor ke Bawaslu soal kaban yg ngajak staf dukung paslon, sy bs dianggap melanggar disiplin?", "melapor", "lapor"),
        ("klo sy staf kecamatan (PNS) ngelaporin camat ke panwas, sy dianggap ga netral ga?", "melapor", "melaporkan"),
        # ... or what the report is about put first, and a screenshot ("tangkap layar") taken before it
        ("Kalau unggahan itu saya tangkap layar lalu saya laporkan ke Bawaslu, apakah saya malah dianggap tidak netral?", "melapor", "laporkan"),
        ("Kalau atasan saya lapor ke Bawaslu, saya kena?", None, None),
        ("Apakah saya sebagai PNS boleh melaporkan kepala dinas ke Bawaslu?", "melapor", "melaporkan"),
        ("The agency head told his drivers to wear a pair's stickers. Can I, as a civil servant, file the report?", "melapor", "file the report"),
        ("Bolehkah saya, sebagai kepala seksi, menolak perintah itu?", "menolak", "menolak"),
        ("How can I refuse without losing my job?", None, None),  # how to refuse: the refusal is given
        ("Where is the candidate's rally tomorrow, can I go?", None, None),
        ("Can my boss demote me for refusing to campaign?", None, None),  # asks about the boss's act
        # what someone said would follow a refusal is told, not asked: the question asks about doing what was ordered
        ("Kabag menyuruh saya mengumpulkan nama pendukung caleg. Beliau bilang kalau saya menolak, saya bisa dimutasi. "
         "Kalau saya kerjakan, saya aman kan?", None, None),
        # a report asked about only for the case that what the story tells is not allowed: that is the question
        ("Is my boss allowed to make us attend the rally? If not, where can I report it?", None, None),
        ("Bos nyuruh kami datang ke kampanye. Boleh gak? Kalau tidak, lapor ke mana?", None, None),
        ("Kadis mewajibkan staf ikut kampanye. Kalau itu melanggar, saya boleh melaporkannya?", None, None),
        # where to report, asked beside whether the act was allowed or must be obeyed: the act is what is asked
        ("Our Sekda told the heads to make their staff back the incumbent. Is what he did allowed, and where can we report it?", None, None),
        ("Kepala ruangan mewajibkan kami hadir di kampanye paslon 2. Apakah saya wajib menurut, dan ke mana saya bisa melapor?", None, None),
        # ... also in a chat with no question mark
        ("my section head keeps posting the candidate's poster in our office wa group. is that a violation and who do i report it to", None, None),
        ("my section head keeps posting the candidate's poster in our office wa group. who do i report it to", "melapor", "report"),
        # ... but not a "can" or "aman" that says how ("where can I report it so I'm safe?")
        ("Atasan maksa kami ikut acara paslon. Lapornya ke mana ya biar aman?", "melapor", "lapornya"),
        # contesting a punishment imposed on the asker
        ("I was demoted for a post about a candidate. Can I challenge this decision?", "keberatan", "challenge"),
        ("Saya dijatuhi hukuman disiplin berat. Bisakah saya mengajukan keberatan?", "keberatan", "keberatan"),
        # a superior asks whether they must handle what a subordinate did: the handling is asked about
        ("Staf saya ikut kampanye pakai seragam dinas. Apakah saya wajib memprosesnya?", "penanganan", "memprosesnya"),
        ("My officer posted a photo with a candidate. Do I have to do something about it as his boss?", "penanganan", "do something about it"),
        # a superior who tells of their staff's case and asks whether they may let it go, or what they must do
        ("One of my section heads spoke at a rally. Some say drop it. Do I have any obligation, or can I let it slide?",
         "penanganan", "let it slide"),
        ("Salah satu staf saya pasang spanduk calon. Boleh saya diamkan saja?", "penanganan", "diamkan"),
        ("staf ku udh terbukti jd timses paslon, tp dia ponakan sendiri. boleh ga aku diemin aja?", "penanganan", "diemin"),
        # ... told of the superior by a third person, or by one who says whose superior they are far into the sentence
        ("Pak Yusuf camat dan atasan langsung Andi, yang naik panggung kampanye. Apakah ia boleh mendiamkan saja, atau ia wajib menindaklanjuti?",
         "penanganan", "mendiamkan"),
        ("I'm a section head (pejabat pengawas) at a forest management unit in the hills and the direct superior of a ranger, Andi. "
         "He went to a rally. Can I leave it at that, or do I have to do something formal?", "penanganan", "do i have to"),
        ("One of my clerks collected donations for a pair. Can I just keep quiet about it until after the vote?", "penanganan", "keep quiet"),
        # ... or leave the punishment out
        ("My staff wore a party shirt to a rally and was examined. Am I allowed to just not punish him?", "penanganan", "not punish"),
        ("Staf saya pasang stiker paslon di motor dinas. Boleh tidak usah dihukum?", "penanganan", "tidak usah dihukum"),
        # ... or keep it quiet, or off the record ("staf" as typed in an English chat)
        ("One of my staf shared a pair's flyer on Facebook. Can I just warn him and keep it off the record?", "penanganan", "keep it off the record"),
        ("Staf saya ketahuan jadi admin grup pemenangan paslon. Apakah saya sebagai atasan boleh diam saja?", "penanganan", "diam saja"),
        # ... or a superior the story names, whom the asker asks about ("can he just drop it?")
        ("My kabid says he'll let it go if I delete my campaign post, no report. Can he just drop it like that?", "penanganan", "drop it"),
        ("Kepala bidang bilang biarkan saja, nanti reda sendiri. Memang atasan boleh mendiamkan hal begini?", "penanganan", "mendiamkan"),
        # ... not a manager who asks whether to let the workers go and vote
        ("I'm the HR manager of a mill. The vote is on a working day. Do we have to let them go and vote?", None, None),
        # gathering the evidence first is a part of the report
        ("temen kantor posting ajakan milih paslon di FB. boleh gak aku screenshot trs laporin ke bawaslu?", "melapor", "melaporkan"),
        ("A colleague posted a candidate's flyer in our office group. Can I screenshot it and report it to Bawaslu?", "melapor", "report"),
        # ... with what was captured between, and sending it to the supervisors for reporting it
        ("Boleh gak aku screenshot chat grup WA kantor trus kirim ke Bawaslu? Isinya kabid nyuruh staf menangkan caleg", "melapor", "mengirim"),
        ("My boss posted a pair's flyer in the office group. Can I screenshot the group chat and send it to Bawaslu?", "melapor", "send"),
        ("Boleh saya kirim foto kegiatan itu ke grup keluarga?", None, None),
        ("Boleh saya ikut kampanye lalu lapor ke atasan?", None, None),
        ("Salah satu staf saya ikut kampanye. Rencana saya cukup menegur lisan saja. Boleh nggak saya begitu?", "penanganan", "begitu"),
        # ... or whether a lighter handling than an examination will do
        ("Saya kasi, atasan langsung. Anak buah saya ketahuan datang ke kampanye pakai seragam. Cukup saya tegur lisan saja kan?",
         "penanganan", "tegur lisan"),
        ("Staf saya bikin konten ajakan memilih paslon. Dia sudah minta maaf. Tidak usah diperiksa kan?", "penanganan", "diperiksa"),
        ("One of my staff handed out a pair's leaflets. I'd rather have a quiet word with him and leave it there. Is that enough?",
         "penanganan", "enough"),
        # casting one's own vote, asked as such: what a neutrality worry told before it asks about
        ("A neighbour said civil servants must not pick a side at all. I'm a PPPK midwife. Am I allowed to vote?", "memberi-suara", "vote"),
        ("Katanya ASN harus netral, jadi nggak usah ke TPS. Saya PNS, boleh saya mencoblos?", "memberi-suara", "mencoblos"),
        # ... with a word between ("can I still go vote?", "blh kan sy pilih dia?")
        ("I'm a PNS extension officer. Can I still go vote on 14 February?", "memberi-suara", "vote"),
        ("sy PNS, suami nyaleg DPRD. pas hari H blh kan sy pilih dia?", "memberi-suara", "pilih"),
        # ... naming the pair one votes for in the booth: still one's own vote
        ("Kepala UPTD menekan kami memilih paslon 1. Nanti di TPS, boleh tidak saya tetap mencoblos paslon 2?", "memberi-suara", "mencoblos"),
        ("My boss wants us for pair 1. Can I still vote for pair 2 in the booth?", "memberi-suara", "vote"),
        # ... or told, then asked whether the asker breaks a rule by it (not a threat told after it)
        ("Sy janji ke atasan pilih paslon 1. Tp di bilik sy mau pilih yg lain. Sy ngelanggar aturan ga?", "memberi-suara", "pilih"),
        # ... but not when another act of theirs is asked about in between ("Kalau saya ambil (the envelope), ...")
        ("Amplopnya masih saya simpan. Belum tentu juga saya pilih nomor 3. Kalau saya ambil, saya bisa kena masalah?", None, None),
        ("Saya mau memilih. Atasan bilang yang tidak memilih paslon 1 akan dimutasi. Apa itu melanggar?", None, None),
        # ... or a word of manner before the act
        ("Atasan menyuruh staf pilih paslon 1. Boleh nggak saya langsung lapor ke Bawaslu?", "melapor", "lapor"),
        # ... or asked of a servant as such, whom the asker is by default
        ("Atasan sy bagi2 sembako pakai stiker paslon. Takut dianggap gak netral. Boleh gak PNS lapor?", "melapor", "lapor"),
        ("My head of office ordered us to attend a rally. Can a civil servant refuse such an order?", "menolak", "refuse"),
        # ... not a purpose or another's ability ("biar semua bisa nyoblos": the residents' vote, not the asker's)
        ("Tim sukses minta KTP-el pendukungnya dicetak duluan, biar semua bisa nyoblos. Boleh saya bantu percepat?", None, None),
        # ... or whether doing it is taking sides ("if I report it to Bawaslu am I taking sides?")
        ("Saw a colleague handing out a candidate's rice packs. If I report it to Bawaslu am I taking sides??", "melapor", "report"),
        ("Kalau saya lapor ke Bawaslu, saya dianggap memihak?", "melapor", "lapor"),
        # ... or asked as whether neutrality means not voting: asked as "may I vote?"
        ("My mum says civil servants have to be neutral. I'm a CPNS. Do I have to abstain?", "memberi-suara", "may i vote"),
        ("I'm PPPK. ASN has to be neutral, so does that mean I shouldn't vote on 14 Feb??", "memberi-suara", "may i vote"),
        ("Saya PNS. Apakah saya harus golput supaya netral?", "memberi-suara", "bolehkah saya mencoblos"),
        # ... or asked of civil servants as a group, or as a claim that they must abstain
        ("can ASN actually vote in the pilgub?? a friend says being neutral means we should stay home lol", "memberi-suara", "may i vote"),
        ("Someone said ASN should golput on election day so we look neutral?? is that a thing", "memberi-suara", "may i vote"),
        ("Apakah ASN boleh mencoblos di pilkada?", "memberi-suara", "bolehkah saya mencoblos"),
        ("can ASN vote for the incumbent and tell others to?", None, None),
        # ... or as whether neutrality takes the vote away
        ("im a pppk teacher. coworker says ASN have to abstain to stay neutral?? so i cant vote at all??", "memberi-suara", "may i vote"),
        ("Kata teman ASN harus netral. Jadi sy gak boleh nyoblos sama sekali?", "memberi-suara", "bolehkah saya mencoblos"),
        ("I should not vote for him?", None, None),
        # ... not with a side or another act in the clause
        ("Can I vote for pair 2 and tell my staff to do the same?", None, None),
        ("Bolehkah saya memilih paslon 1 lalu mengajak tetangga?", None, None),
        # ... not an asker under pressure who asks whether to obey
        ("Kepala dinas menyuruh kami semua datang ke acara caleg. Saya wajib nurut atasan nggak?", None, None),
        ("Apakah saya harus ikut kampanye?", None, None),
        ("I'm the regent. Do I have to do anything about my office while I campaign?", None, None),
        # ... nor another's act told, then asked about "like that" ("emang boleh nolak gitu?"), unless the asker asks it of themselves
        ("Salah satu anggota KPPS ngambek gak mau tanda tangan berita acara hasil. Emang boleh nolak tanda tangan gitu?", None, None),
        ("Atasan menyuruh kami pasang stiker paslon. Boleh saya nolak gitu?", "menolak", "nolak"),
        # ... "am I still allowed to"
        ("I saw our agency head handing out a pair's T-shirts. The pair lost. Am I still allowed to report it?", "melapor", "report"),
    ],
)
def test_the_asker_s_own_answer_to_what_they_tell_is_the_act_asked_about(question: str, element: str | None, asks: str | None) -> None:
    from kb.actors import analyse

    asked = analyse(question).asked
    if element is None:
        assert asked is None
    else:
        assert asked is not None and asked[0] == element and asks in asked[1] and "." not in asked[1].rstrip(" .")  # one sentence


def test_may_i_report_or_refuse_is_answered_by_the_rule_for_that_act(tmp_path: Path) -> None:
    """The story (a superior forcing staff) is the report's subject, not the act asked about;
    a refusal rule answers only one who asks whether they may refuse."""
    (tmp_path / "r.toml").write_text(REPORT_AND_REFUSE)
    m = RuleMatcher(load_rules(tmp_path), HashEmbedder(), None, HASH_T)
    report = m.decide("Atasan memaksa staf ikut kampanye calon dan mengancam mutasi. Saya boleh melaporkannya ke Bawaslu?")
    assert (report.verdict, report.rule and report.rule.id) == ("allowed", "lapor-pelanggaran")
    assert all(not c.fits for c in report.candidates if c.rule.id != "lapor-pelanggaran")
    refuse = m.decide("Atasan memaksa staf ikut kampanye calon. Bolehkah saya menolak perintah atasan?")
    assert (refuse.verdict, refuse.rule and refuse.rule.id) == ("allowed", "boleh-tolak-perintah")
    handle = m.decide("Staf saya memaksa rekan ikut kampanye calon. Apakah saya wajib memprosesnya?")
    assert (handle.verdict, handle.rule and handle.rule.id) == ("required", "atasan-wajib-periksa")
    assert all(not c.fits for c in handle.candidates if c.rule.id != "atasan-wajib-periksa")
    demoted = m.decide("my boss demoted staff refusing to campaign; is that allowed?")
    assert demoted.verdict != "allowed"
    assert not next(c for c in demoted.candidates if c.rule.id == "boleh-tolak-perintah").fits


VOTE_AND_APPEAL = """
[[element]]
name = "memberi-suara"
words_id = ["mencoblos", "memilih"]
words_en = ["vote", "voting"]

[[element]]
name = "pihak"
words_id = ["paslon", "calon"]
words_en = ["pair", "candidate"]

[[rule]]
id = "pppk-ajak-dukung"
actors = ["PPPK"]
verdict = "prohibited"
elements = ["pihak"]
act_id = "PPPK mengajak orang mendukung calon"
act_en = "a PPPK urging people to back a candidate"
situations_id = ["PPPK mengajak pasien memilih paslon 1", "saya PPPK minta tetangga dukung calon", "PPPK ajak rekan pilih calon", "guru PPPK minta wali murid pilih paslon"]
situations_en = ["a PPPK nurse urged patients to pick pair 1", "I'm PPPK and asked neighbours to back a candidate", "a PPPK asks colleagues to pick a candidate",
  "a PPPK teacher told parents to back a pair"]
basis = ["UU 20/2023 Pasal 24 ayat (1) huruf d"]
sanction_level = "unclear"
sanction_id = "menurut aturan disiplin PPPK"
sanction_en = "under the PPPK discipline rules"
enforcer_id = "Pejabat Pembina Kepegawaian"
enforcer_en = "the staffing authority"
reviewed = "summary only: corpus/src/regulations/uu-20-2023.toml"

[[rule]]
id = "asn-hak-pilih"
actors = ["ASN"]
verdict = "allowed"
elements = ["memberi-suara"]
act_id = "ASN mencoblos di TPS"
act_en = "a civil servant voting at the polling station"
situations_id = ["saya PNS boleh mencoblos", "ASN tetap memilih di TPS", "PPPK boleh memilih di pilkada", "pegawai negeri ikut mencoblos"]
situations_en = ["may I vote as a civil servant", "civil servants still vote at the polling station", "can a PPPK vote in the regional election",
  "a government employee going to vote"]
basis = ["UU 7/2017 Pasal 198 ayat (1)"]
reviewed = "summary only: corpus/src/regulations/uu-7-2017.toml"
"""


def test_may_i_vote_is_answered_by_the_voting_rule_whatever_worry_it_tells(tmp_path: Path) -> None:
    """Asked whether they may cast their own vote, the asker gets the rule on voting, not a rule
    on taking sides that the worry told before the question names ("picking a pair is taking
    sides"), though that rule is written for their actor."""
    (tmp_path / "r.toml").write_text(VOTE_AND_APPEAL)
    m = RuleMatcher(load_rules(tmp_path), HashEmbedder(), None, HASH_T)
    vote = m.decide("An elder says picking a pair means taking sides. I'm a PPPK nurse. Am I allowed to vote?")
    assert (vote.verdict, vote.rule and vote.rule.id) == ("allowed", "asn-hak-pilih")
    urge = m.decide("I'm a PPPK nurse and urged my patients to pick pair 1. Is that allowed?")
    assert urge.verdict != "allowed"

PARTY = """
[[rule]]
id = "pns-anggota-partai"
actors = ["PNS"]
verdict = "prohibited"
act_id = "PNS menjadi anggota partai politik"
act_en = "a civil servant being a member of a political party"
situations_id = ["PNS jadi anggota partai", "saya PNS masuk partai jadi anggota biasa", "PNS punya kartu anggota partai", "PNS ikut daftar anggota parpol"]
situations_en = ["a civil servant joins a party", "I'm a civil servant and an ordinary party member", "a civil servant holds a party card",
  "a civil servant signs up as a party member"]
basis = ["PP 11/2017 Pasal 255 ayat (1)"]
sanction_level = "pemberhentian"
sanction_id = "diberhentikan tidak dengan hormat"
sanction_en = "dishonourable dismissal"
enforcer_id = "Pejabat Pembina Kepegawaian"
enforcer_en = "the staffing authority"
reviewed = "summary only: corpus/src/regulations/pp-11-2017.toml"

[[rule]]
id = "pns-mundur-sebelum-masuk-partai"
actors = ["PNS"]
verdict = "required"
act_id = "PNS yang hendak masuk partai mengundurkan diri lebih dahulu"
act_en = "a civil servant who wants to join a party resigning first"
situations_id = ["PNS mau masuk partai harus mundur dulu", "saya PNS ingin jadi anggota partai, caranya mundur", "PNS ditawari masuk partai, wajib berhenti?",
  "PNS yang mau gabung parpol mengajukan berhenti"]
situations_en = ["a civil servant who wants to join a party must resign", "I'm a civil servant and want to join a party; how do I resign",
  "does a civil servant have to quit before joining a party", "a civil servant resigns to join a party"]
basis = ["PP 11/2017 Pasal 255 ayat (2)"]
enforcer_id = "Pejabat Pembina Kepegawaian"
enforcer_en = "the staffing authority"
reviewed = "summary only: corpus/src/regulations/pp-11-2017.toml"
"""


def test_a_close_prohibition_and_duty_answer_what_was_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Joining a party is prohibited and one who wants to must resign: the two do not
    contradict each other, so "may I?" gets the prohibition and "must I?" the duty; a
    question that asks neither (or both) still says the rules disagree."""
    (tmp_path / "r.toml").write_text(PARTY)
    m = RuleMatcher(load_rules(tmp_path), HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("pns-mundur-sebelum-masuk-partai", 0.18, 0.90, 3.0), ("pns-anggota-partai", 0.175, 0.90, 3.0)])
    assert m.decide("saya PNS, boleh masuk partai jadi anggota biasa?").rule.id == "pns-anggota-partai"
    assert m.decide("Is a civil servant allowed to join a party?").verdict == "prohibited"
    assert m.decide("saya PNS masuk partai jadi anggota biasa, apakah saya melanggar?").verdict == "prohibited"  # a breach?
    assert m.decide("saya PNS, wajib mundur kalau masuk partai?").verdict == "required"
    for open_question in ("PNS dan partai politik, bagaimana aturannya?", "saya PNS, boleh masuk partai atau harus mundur dulu?"):
        assert m.decide(open_question).reasons == ["rules_disagree"]
    # the ban a little farther behind, too far to hold the duty's answer open: "may I?" still gets the ban of the duty's own
    # article (PP 11/2017 Pasal 255 ayat (1) beside ayat (2)); "must I?" the duty
    _forced(m, monkeypatch, [("pns-mundur-sebelum-masuk-partai", 0.18, 0.90, 3.0), ("pns-anggota-partai", 0.166, 0.89, 3.0)])
    assert m.decide("kalo PNS cuma daftar jd anggota partai aja, boleh kan?").rule.id == "pns-anggota-partai"
    assert m.decide("saya PNS, wajib mundur kalau masuk partai?").rule.id == "pns-mundur-sebelum-masuk-partai"


VOTE_AT_WORK = """
[[rule]]
id = "atasan-halangi-memilih"
actors = ["warga"]
verdict = "prohibited"
act_id = "atasan menahan pekerja sehingga tidak bisa memilih"
act_en = "a superior keeping workers from voting"
situations_id = ["atasan melarang staf ke TPS di hari pemilihan", "kepala kantor menahan pegawai bekerja seharian saat hari coblosan",
  "pegawai tidak diberi izin keluar untuk mencoblos", "kabid menyuruh semua lembur di hari pemungutan suara"]
situations_en = ["a boss keeps the staff at work all voting day", "a manager will not let workers go to the polls",
  "no time off to vote for the office staff", "the section head makes everyone work overtime on election day"]
basis = ["UU 10/2016 Pasal 182B"]
sanction_level = "pidana"
sanction_id = "pidana penjara"
sanction_en = "imprisonment"
enforcer_id = "Sentra Gakkumdu"
enforcer_en = "Sentra Gakkumdu"
reviewed = "summary only"

[[rule]]
id = "asn-memilih"
actors = ["ASN"]
verdict = "allowed"
act_id = "ASN mencoblos di TPS"
act_en = "a civil servant voting at the polling station"
situations_id = ["PNS boleh nyoblos di TPS", "ASN tetap punya hak pilih", "guru PNS ikut mencoblos seperti warga lain", "PPPK datang ke TPS untuk memilih"]
situations_en = ["civil servants vote at the polling station", "a civil servant keeps the right to vote",
  "civil-servant teachers vote like everyone else", "a contract employee goes to the polls"]
basis = ["UU 7/2017 Pasal 198 ayat (1)"]
reviewed = "summary only"

[[rule]]
id = "atasan-wajib-beri-waktu-memilih"
actors = ["warga"]
verdict = "required"
act_id = "atasan memberi pekerja kesempatan memilih"
act_en = "a superior giving workers the chance to vote"
situations_id = ["atasan wajib memberi waktu staf ke TPS", "haruskah kantor mengizinkan pegawai mencoblos dulu",
  "kepala kantor harus mengatur piket supaya semua bisa memilih", "apakah pimpinan wajib memberi izin ke TPS"]
situations_en = ["must a boss give the staff time to vote", "does an employer have to let workers go to the polls",
  "a head of office must plan the shifts so everyone can vote", "is a manager obliged to give time off for voting"]
basis = ["UU 10/2016 Pasal 182B"]
enforcer_id = "Sentra Gakkumdu"
enforcer_en = "Sentra Gakkumdu"
reviewed = "summary only"
"""


def test_a_duty_asked_of_another_answers_beside_a_permission_and_a_ban(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A superior keeping staff from the polls (prohibited) and voting (allowed to ASN, so
    written more closely for a PNS) disagree; asked whether the superior must let them vote,
    the duty answers, though it binds the superior, not the PNS asking."""
    (tmp_path / "r.toml").write_text(VOTE_AT_WORK)
    m = RuleMatcher(load_rules(tmp_path), HashEmbedder(), None, HASH_T)
    _forced(m, monkeypatch, [("atasan-halangi-memilih", 0.18, 0.90, 3.0), ("asn-memilih", 0.175, 0.90, 3.0),
                             ("atasan-wajib-beri-waktu-memilih", 0.17, 0.90, 3.0)])
    d = m.decide("Our head of section wants us at the office all voting day. Does he have to let us vote, or can he keep us?")
    assert (d.verdict, d.rule.id) == ("required", "atasan-wajib-beri-waktu-memilih")
    assert m.decide("Our head of section wants us at the office all voting day. Can he keep us there?").verdict == "unclear"


def test_an_old_case_told_with_its_act_gets_the_act_s_verdict(base, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """"Which regulation applies to what I did in 2019?": a rule on handling cases comes first,
    but the question tells the act (for a candidate) and names a year before the revoked
    regulation ended, or asks whether the act was a breach, so the act's prohibition gives the
    verdict; without the act told, or without an old year or a breach asked about, the handling
    rule answers."""
    (tmp_path / "r.toml").write_text(PARTY.replace('id = "pns-mundur-sebelum-masuk-partai"', 'id = "kasus-lama"')
                                     .replace('verdict = "required"', 'verdict = "required"\nelements = ["penanganan"]')
                                     # a rule on handling cases rests on the procedure, not on the ban's own article
                                     .replace('basis = ["PP 11/2017 Pasal 255 ayat (2)"]', 'basis = ["PP 94/2021 Pasal 26 ayat (1)"]'))
    (tmp_path / "elements.toml").write_text('''
[[element]]
name = "penanganan"
words_id = ["diperiksa", "pp 53", "aturan", "hukuman"]
words_en = ["examined", "regulation", "punishment", "rules"]

[[element]]
name = "pihak"
words_id = ["calon", "partai", "paslon"]
words_en = ["candidate", "party", "pair"]
''')
    text = (tmp_path / "r.toml").read_text()
    for old in ('"PNS mau masuk partai harus mundur dulu"', '"saya PNS ingin jadi anggota partai, caranya mundur"',
                '"PNS ditawari masuk partai, wajib berhenti?"', '"PNS yang mau gabung parpol mengajukan berhenti"'):
        text = text.replace(old, '"kasus saya diperiksa pakai aturan yang mana"', 1)
    for old in ('"a civil servant who wants to join a party must resign"', '"I\'m a civil servant and want to join a party; how do I resign"',
                '"does a civil servant have to quit before joining a party"', '"a civil servant resigns to join a party"'):
        text = text.replace(old, '"which regulation applies now that my case is examined"', 1)
    (tmp_path / "r.toml").write_text(text)
    m = RuleMatcher(load_rules(tmp_path), HashEmbedder(), None, HASH_T, revoked={"PP 53/2010": 2021})
    _forced(m, monkeypatch, [("kasus-lama", 0.18, 0.90, 3.0), ("pns-anggota-partai", 0.17, 0.89, 3.0)])
    old = m.decide("Tahun 2019 saya jadi anggota partai calon bupati, baru diperiksa sekarang. Aturan yang mana yang dipakai?")
    assert (old.verdict, old.rule.id) == ("prohibited", "pns-anggota-partai")
    assert m.decide("Pelanggaran saya tahun 2019 baru diperiksa sekarang, aturan yang mana?").rule.id == "kasus-lama"  # no act told
    assert m.decide("Saya jadi anggota partai calon bupati, baru diperiksa sekarang. Aturan yang mana?").rule.id == "kasus-lama"  # no old year
    # asked whether the act told was a breach, the act's prohibition answers, whatever the year; not a superior asking about their staff
    now = m.decide("Saya jadi anggota partai calon bupati, baru diperiksa sekarang. Apakah itu melanggar, dan aturan yang mana?")
    assert (now.verdict, now.rule.id) == ("prohibited", "pns-anggota-partai")
    assert m.decide("Staf saya jadi anggota partai calon bupati, sedang diperiksa. Apakah itu melanggar, aturan yang mana?").rule.id == "kasus-lama"


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Apakah PNS boleh ikut kampanye?", "leave"),
        ("Must I resign before I register?", "duty"),
        # "it's fine, right?" asks for leave too
        ("Bikin KTA partai sekarang aja gpp kan?", "leave"),
        ("Saya cuma datang sebentar, nggak apa-apa kan?", "leave"),
        ("I only went for ten minutes. Is that ok?", "leave"),
        # "must I abstain?" asks whether one may vote
        ("ASN harus netral. Apakah saya harus golput?", "leave"),
        ("Boleh ikut, tapi wajib cuti?", None),  # both asked
        # what a story tells ("must be handed out") is not what its question asks
        ("He told them the aid must be handed out in his bags. Is the regent allowed to do this?", "leave"),
        ("Kata atasan kami boleh pulang cepat kalau ikut acara itu. Apakah kami wajib hadir?", "duty"),
        ("Kami wajib hadir dan boleh pakai kaos paslon", None),  # no sentence asks: the whole text, both
        ("Teman bilang PNS harus netral. Jadi saya sebaiknya diam saja di grup WA?", None),  # the premise's "harus" is not asked
        ("Kami wajib hadir di acara itu", "duty"),  # no sentence asks: the whole text
        # the duty asked with its omission as the alternative ("or can I just ...")
        ("Do I have to let my staff go and vote, or can I just keep everyone at work?", "duty"),
        ("Apa saya wajib memanggilnya, atau boleh saya diamkan saja?", "duty"),
        # a "may he?" that only points back at the story, then the duty that names the act
        ("Kepala kantor menahan kami sampai sore. Boleh dia begitu, atau dia wajib memberi kami waktu ke TPS?", "duty"),
        ("The principal keeps us at school all day. Can he do this, or does he have to let us vote?", "duty"),
        ("Can I refuse, or must I obey my superior?", None),
        # ... asked of the one who owes it
        ("Does the headmaster have to give us time to vote, or can she make us invigilate all day?", "duty"),
        ("does the mayor hv to take leave when he campaigns?", "duty"),  # chat "hv to"
        ("Apakah kepala bidang wajib memberi kami waktu mencoblos, atau dia boleh menahan kami di kantor?", "duty"),
        # whether one can be punished for an act asks whether it is forbidden
        ("Saya PNS dan cuma anggota biasa partai. Masa cuma pegang KTA bisa dipecat?", "leave"),
        ("I only hold a party card. Can I really be fired for that?", "leave"),
        # ... and so does whether it is a problem
        ("He wants to hold his campaign team's meetings at the official residence. Is that a problem?", "leave"),
        ("Rapat tim kampanye di rumah dinas, bermasalah nggak?", "leave"),
        ("Kalau harus mundur, apa saya bisa dipecat?", "duty"),  # the duty asked: the punishment does not override it
        # both asked: the one asked first ("... have to do anything formal ..., and may the ministry's cars be used?"),
        # not when the duty only sets a premise ("if ASN have to be neutral, am I even allowed to vote?")
        ("Does the minister have to do anything formal before he goes on stage, and may the ministry's cars be used?", "duty"),
        ("PNS nurse here. If ASN have to be neutral, am I even allowed to vote on election day?", None),
        # an obligation asked about is a duty ("Do I have any obligation to act here?", "apa kewajiban atasan kami?")
        ("I am his direct superior. Do I have any obligation to act here?", "duty"),
        ("Sebenarnya apa kewajiban atasan kami terkait hak pilih staf?", "duty"),
        ("What am I supposed to do with the envelope?", "duty"),
        ("The regent is running again. What does the law require of him during the campaign?", "duty"),
        ("Do I have any duty here, or is it safer to stay silent?", "duty"),
        ("The office head put us on duty all day on polling day, so none of us could vote", None),  # a shift, no duty asked
        ("Kepala dinas menerima laporan itu. Apa yang seharusnya beliau lakukan?", "duty"),
        # the act asked, then what must come before it: the duty ("does he have to do anything first?")
        ("Can our governor campaign on a weekday? Does he have to do anything first?", "duty"),
        ("boleh gak bupati kampanye hari kerja? harus cuti dulu?", "duty"),
        ("Can I attend the rally? Do I have to tell anyone?", None),
    ],
)
def test_what_a_question_asks_for_is_read_in_the_sentence_that_asks(question: str, asks: str | None) -> None:
    assert analyse(question).asks == asks


@pytest.mark.parametrize(
    ("question", "handler"),
    [
        ("One of my staff was seen at a rally in a party shirt. What must I do?", True),
        ("I'm the head of section, the direct superior of a clerk who posted a campaign video. May I just warn him?", True),
        ("Salah satu staf saya ikut konvoi paslon. Saya harus bagaimana?", True),
        ("Saya kepala dinas. Seorang kepala seksi di dinas saya terbukti datang ke kampanye pakai seragam dinas. Cukup teguran lisan?", True),
        ("Menurut aturan saya pejabat yang berwenang menghukum kasi itu. Bolehkah saya cukup menegurnya?", True),
        ("A section head in my agency was proven to have campaigned. May I just let it go with a warning?", True),
        ("aku kabid, staf ku PNS ketahuan kampanye caleg, bawaslu udah kirim rekomendasi. wajib diproses ga?", True),
        ("Saya Kabid Penyuluhan, atasan langsung para penyuluh. Salah satu penyuluh PNS saya terbukti membagikan materi caleg.", True),
        ("Sebagai atasan langsungnya, apa saya wajib memanggil dia?", True),
        ("Bidan itu bawahan langsung saya. Apa langkah yang wajib saya ambil sebagai atasannya?", True),
        ("Saya kasi pelayanan dan atasan langsung Rudi, staf yang memasang stiker caleg di motornya.", True),
        ("Saya kasubbag, atasan langsung seorang staf yang memasang stiker caleg di motornya.", True),
        # ... "atasan langsungnya" after a comma, and one of the staff "in my clinic" told with more words between
        ("Ada laporan bahwa seorang perawat pernah jadi timses. Sy kapus, atasan langsungnya. Harus sy apain?", True),
        ("Ada laporan bahwa salah satu perawat PNS di puskesmas sy dulu jadi timses paslon. Harus sy apain?", True),
        ("I'm the ward manager, the supervisor of 12 nurses. One of my nurses handed out a candidate's leaflets. What now?", True),
        ("She reports directly to me and she posted a campaign flyer. As her boss, what am I obliged to do?", True),
        ("I'm kabid at a dinas. One of my staf posted a pair's flyer. What now?", True),
        ("I head a sub-district office. One of my civil-servant staff put a candidate's stickers on aid packages. What must I do?", True),
        ("Budi, our newest surveyor, reports to me. He wore a party shirt at a rally. Can I keep quiet about it?", True),
        ("I'm a section head at the land office in Bogor and the direct superior of a surveyor who joined a rally.", True),
        ("Saya dimarahi atasan langsung saya karena menolak ikut kampanye. Apa saya salah?", False),
        ("My boss told us to join his candidate's WhatsApp group. Must I?", False),
        # the asker is the one under pressure, not the one who handles a case
        ("Saya staf PNS. Kepala dinas menyuruh kami hadir di acara caleg. Saya wajib nurut atasan nggak?", False),
        ("My direct superior told me to attend a rally. Can I refuse?", False),
    ],
)
def test_the_asker_who_handles_a_case_is_read_from_the_question(question: str, handler: bool) -> None:
    assert analyse(question).handler is handler


@pytest.mark.parametrize(
    ("question", "kept"),
    [
        # hearsay after the question is the premise the asker doubts, not the act asked about
        ("pns boleh nyoblos nggak sih? kata temen kantor asn harus netral jadi golput aja", "pns boleh mencoblos tidak ?"),
        ("can civil servants vote at all?? i thought neutral means staying home", "can civil servants vote at all ??"),
        ("can civil servants vote at all?? my senior says neutral means we stay home", "can civil servants vote at all ??"),
        # ... but what is asked about stays, and a condition after the question is no hearsay
        ("Someone says he can't appear at a rally without leave. Is that right?",
         "someone says he cannot appear at a rally without leave . is that right ?"),
        ("boleh datang ke kampanye? cuma mau dengar visi misi", "boleh datang ke kampanye ? cuma mau dengar visi misi"),
    ],
)
def test_a_premise_told_after_the_question_is_not_the_act_asked_about(question: str, kept: str) -> None:
    from kb.actors import without_frame

    assert without_frame(normalise(question)) == kept


LEAVE_DUTY = """
[[rule]]
id = "kepala-daerah-wajib-cuti-kampanye"
actors = ["kepala-daerah"]
verdict = "required"
act_id = "kepala daerah mengambil cuti sebelum berkampanye"
act_en = "a regional head taking leave before campaigning"
situations_id = ["bupati harus cuti dulu sebelum kampanye", "apa kewajiban wali kota sebelum ikut kampanye", "gubernur wajib ambil cuti untuk kampanye?",
  "kepala daerah mau kampanye, perlu cuti?"]
situations_en = ["must a regent take leave before campaigning", "what must a mayor do before joining a campaign",
  "does a governor have to take leave to campaign", "a regional head wants to campaign; is leave needed"]
stages = ["kampanye"]
basis = ["UU 10/2016 Pasal 70 ayat (3)"]
enforcer_id = "Menteri Dalam Negeri atau gubernur"
enforcer_en = "the Minister of Home Affairs or the governor"
reviewed = "summary only: corpus/src/regulations/uu-10-2016.toml"
"""


def test_a_close_permission_and_duty_answer_what_was_asked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A regional head may campaign on leave, and must take the leave: "may he?" gets the
    permission and "must he? what must he do?" the duty, even a little behind it."""
    m = RuleMatcher(_fixture_and(tmp_path, LEAVE_DUTY), HashEmbedder(), None, Thresholds())
    _forced(m, monkeypatch, [("kepala-daerah-kampanye-cuti", 0.18, 0.89, 3.0), ("kepala-daerah-wajib-cuti-kampanye", 0.15, 0.885, 2.0)])
    may = m.decide("Saya bupati. Bolehkah saya ikut kampanye calon dari partai saya?")
    must = m.decide("Saya bupati dan mau ikut kampanye calon dari partai saya. Apa yang wajib saya lakukan dulu?")
    assert (may.verdict, may.rule.id) == ("allowed", "kepala-daerah-kampanye-cuti")
    assert (must.verdict, must.rule.id) == ("required", "kepala-daerah-wajib-cuti-kampanye")
    _forced(m, monkeypatch, [("kepala-daerah-kampanye-cuti", 0.18, 0.89, 3.0), ("kepala-daerah-wajib-cuti-kampanye", 0.10, 0.86, 1.0)])
    assert m.decide("Saya bupati dan mau ikut kampanye calon dari partai saya. Apa yang wajib saya lakukan dulu?").verdict == "allowed"  # too far


PUBLIC_BUILDING = """
[[rule]]
id = "kampanye-di-gedung-pemerintah"
actors = ["warga"]
verdict = "prohibited"
act_id = "berkampanye di gedung pemerintah"
act_en = "campaigning in a government building"
situations_id = ["kampanye di aula kantor bupati", "rapat umum calon di gedung dinas", "tim kampanye pakai gedung pemerintah",
  "kampanye di balai kota"]
situations_en = ["campaigning in the regent's office hall", "a candidate's rally in an agency building", "a campaign team uses a government building",
  "campaigning at city hall"]
stages = ["kampanye"]
basis = ["UU 7/2017 Pasal 280 ayat (1) huruf h"]
sanction_level = "pidana"
sanction_id = "pidana"
sanction_en = "a criminal penalty"
enforcer_id = "Bawaslu"
enforcer_en = "Bawaslu"
reviewed = "summary only: corpus/src/regulations/uu-7-2017.toml"
"""


def test_the_rule_written_for_the_actor_is_measured_against_its_own_rivals(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A prohibition for anyone leads on the fused score and a regional head's permission,
    close behind it, takes the lead as the rule written for him; but a permission does not
    silence the closer prohibition (campaigning in a government office is barred to everyone,
    a regent on leave included): both are shown and no verdict is given. A regional head's
    prohibition closer in meaning than that permission, though too far behind the first rule
    to count beside it, still stands beside the permission."""
    m = RuleMatcher(_fixture_and(tmp_path, PUBLIC_BUILDING), HashEmbedder(), None, Thresholds())
    q = "saya bupati, boleh kampanye di gedung kantor?"
    rows = [("kampanye-di-gedung-pemerintah", 0.20, 0.88, 3.0), ("kepala-daerah-kampanye-cuti", 0.16, 0.875, 1.0)]
    _forced(m, monkeypatch, rows)
    d = m.decide(q)
    assert (d.verdict, d.reasons) == ("unclear", ["rules_disagree"])
    assert [o.candidate.rule.id for o in d.options] == ["kepala-daerah-kampanye-cuti", "kampanye-di-gedung-pemerintah"]
    _forced(m, monkeypatch, [*rows, ("kepala-daerah-kampanye-masa-tenang", 0.14, 0.89, 0.5)])
    d = m.decide(q)
    assert d.verdict == "unclear" and "kepala-daerah-kampanye-masa-tenang" in {o.candidate.rule.id for o in d.options}
    # without the prohibition for anyone, the regional head's own rules differ by the period: the card asks which it is
    _forced(m, monkeypatch, [rows[1], ("kepala-daerah-kampanye-masa-tenang", 0.14, 0.89, 0.5)])
    d = m.decide(q)
    assert d.verdict == "depends" and {o.candidate.rule.id for o in d.options} == {"kepala-daerah-kampanye-cuti", "kepala-daerah-kampanye-masa-tenang"}


NEUTRAL_AND_VOTE = """
[[element]]
name = "memilih"
words_id = ["memilih", "mencoblos"]
words_en = ["vote", "voting"]

[[rule]]
id = "asn-netral"
actors = ["ASN"]
verdict = "required"
general = true
act_id = "kewajiban umum bersikap netral"
act_en = "the general duty to stay neutral"
situations_id = ["apakah ASN wajib netral", "apa maksud netralitas ASN", "PPPK juga harus netral?", "dasar hukum netralitas pegawai"]
situations_en = ["must civil servants stay neutral", "what does neutrality mean for staff", "do contract staff have to be neutral",
  "which law says civil servants are neutral"]
basis = ["UU 5/2014 Pasal 9 ayat (2)"]
enforcer_id = "Pejabat Pembina Kepegawaian"
enforcer_en = "the staffing authority"
reviewed = "summary only: corpus/src/regulations/uu-5-2014.toml"

[[rule]]
id = "asn-hak-pilih"
actors = ["ASN"]
verdict = "allowed"
elements = ["memilih"]
act_id = "memilih di TPS"
act_en = "voting at the polling station"
situations_id = ["PNS boleh memilih?", "ASN tetap mencoblos di TPS", "apakah pegawai negeri punya hak memilih", "guru PNS mencoblos di pemilu"]
situations_en = ["can civil servants vote", "a civil servant voting at the polling station", "do state employees keep the right to vote",
  "a teacher voting in the election"]
basis = ["UU 7/2017 Pasal 198 ayat (1)"]
reviewed = "summary only: corpus/src/regulations/uu-7-2017.toml"

[[rule]]
id = "asn-ajak-memilih-calon"
actors = ["ASN"]
verdict = "prohibited"
elements = ["memilih"]
act_id = "mengajak orang memilih calon tertentu"
act_en = "urging people to vote for a particular candidate"
situations_id = ["PNS mengajak tetangga memilih calon nomor 1", "ASN minta keluarga mencoblos paslon", "guru PNS ajak wali murid memilih caleg",
  "pegawai negeri mengajak warga memilih calon bupati"]
situations_en = ["a civil servant urged neighbours to vote for pair 1", "a civil servant asked relatives to vote for a candidate",
  "a teacher asked parents to vote for a legislative candidate", "a state employee urged residents to vote for a regent candidate"]
basis = ["PP 94/2021 Pasal 5 huruf n angka 6"]
sanction_level = "disiplin-berat"
sanction_id = "hukuman disiplin berat"
sanction_en = "heavy disciplinary punishment"
enforcer_id = "Pejabat yang Berwenang Menghukum"
enforcer_en = "the official competent to punish"
reviewed = "summary only: corpus/src/regulations/pp-94-2021.toml"
"""


def test_a_general_duty_leaves_a_close_particular_act_to_its_own_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"We must be neutral, so may I vote at all?" names the neutrality duty and an act with
    a rule of its own: the act's rule answers (the duty is not a rival that leaves it open);
    the duty answers when the act's rule is far behind, and a duty not marked general stays
    a rival."""
    q = "ASN kan harus netral, jadi boleh memilih nggak?"
    m = RuleMatcher(_fixture_and(tmp_path, NEUTRAL_AND_VOTE), HashEmbedder(), None, Thresholds())
    _forced(m, monkeypatch, [("asn-netral", 0.18, 0.875, 3.0), ("asn-hak-pilih", 0.15, 0.88, 2.0)])
    d = m.decide(q)
    assert (d.verdict, d.rule.id, d.options) == ("allowed", "asn-hak-pilih", [])  # type: ignore[union-attr]
    _forced(m, monkeypatch, [("asn-netral", 0.18, 0.875, 3.0), ("asn-hak-pilih", 0.08, 0.84, 1.0)])
    far = m.decide(q)
    assert (far.verdict, far.rule.id) == ("required", "asn-netral")  # type: ignore[union-attr]
    # a prohibition of an act the question names leads as soon as it is as close in meaning, however far behind
    # in words (the duty's lead comes from the neutrality the question only invokes); a permission must be near
    _forced(m, monkeypatch, [("asn-netral", 0.18, 0.875, 3.0), ("asn-hak-pilih", 0.08, 0.80, 1.0), ("asn-ajak-memilih-calon", 0.07, 0.87, 1.0)])
    urged = m.decide("Kami ASN harus netral, tapi bolehkah mengajak tetangga memilih calon?")
    assert (urged.verdict, urged.rule.id) == ("prohibited", "asn-ajak-memilih-calon")  # type: ignore[union-attr]
    plain = RuleMatcher(_fixture_and(tmp_path, NEUTRAL_AND_VOTE.replace("general = true\n", "")), HashEmbedder(), None, Thresholds())
    _forced(plain, monkeypatch, [("asn-netral", 0.18, 0.875, 3.0), ("asn-hak-pilih", 0.15, 0.88, 2.0)])
    assert plain.decide(q).verdict != "allowed"


def test_the_general_duty_does_not_answer_may_i(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"May I write an opinion piece?" is not answered by "civil servants must be neutral":
    the duty says nothing of the act, so with no rule for the act the card has no clear rule;
    asked whether one must be neutral, the duty answers."""
    m = RuleMatcher(_fixture_and(tmp_path, NEUTRAL_AND_VOTE), HashEmbedder(), None, Thresholds())
    _forced(m, monkeypatch, [("asn-netral", 0.18, 0.875, 3.0), ("asn-hak-pilih", 0.06, 0.80, 0.5)])
    d = m.decide("Bolehkah ASN menulis opini tentang pilkada di koran lokal?")
    assert d.facts.asks == "leave" and d.verdict == "unclear" and d.rule is None
    assert m.decide("Apakah ASN wajib bersikap netral?").verdict == "required"


def test_should_i_skip_voting_to_stay_neutral_is_answered_by_the_vote(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """"Should I skip voting to stay neutral?" asks what one must do, but the general duty to be
    neutral beside the voter's permission does not answer it: the permission of the act told
    does. A duty not marked general still answers "must I?" beside it."""
    q = "We civil servants must be neutral, so should I stay away from the polling station to keep neutral?"
    m = RuleMatcher(_fixture_and(tmp_path, NEUTRAL_AND_VOTE), HashEmbedder(), None, Thresholds())
    _forced(m, monkeypatch, [("asn-hak-pilih", 0.18, 0.88, 3.0), ("asn-netral", 0.18, 0.875, 3.0)])
    d = m.decide(q)
    assert d.facts.asks == "duty" and (d.verdict, d.rule.id) == ("allowed", "asn-hak-pilih")  # type: ignore[union-attr]
    plain = RuleMatcher(_fixture_and(tmp_path, NEUTRAL_AND_VOTE.replace("general = true\n", "")), HashEmbedder(), None, Thresholds())
    _forced(plain, monkeypatch, [("asn-hak-pilih", 0.18, 0.88, 3.0), ("asn-netral", 0.18, 0.875, 3.0)])
    assert plain.decide(q).verdict == "required"


def test_when_asked_must_name_what_is_asked(tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text(NEUTRAL_AND_VOTE.replace("general = true", 'when_asked = "always"'))
    with pytest.raises(RuleError, match="when_asked must be"):
        load_rules(tmp_path)


def test_general_must_be_a_boolean(tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text(NEUTRAL_AND_VOTE.replace("general = true", 'general = "yes"'))
    with pytest.raises(RuleError, match="general must be true or false"):
        load_rules(tmp_path)


@pytest.mark.parametrize(
    ("question", "months"),
    [
        ("KPU sets the candidate pairs roughly 8 months from now. Can I rotate a few agency heads?", (8, None)),
        ("Empat bulan sebelum KPU menetapkan paslon, bupati mengganti tiga kepala dinas.", (4, None)),
        ("Penetapan pasangan calon oleh KPU kira-kira sepuluh bulan lagi.", (10, None)),
        ("KPU will confirm the candidate pairs in about four months, and the mayor wants to rotate camat.", (4, None)),
        ("New mayor here, sworn in 8 months ago. Do I still need the minister's OK?", (None, 8)),
        ("Bupati terpilih baru dilantik dua bulan lalu dan ingin mengganti kepala dinas.", (None, 2)),
        ("Kira-kira delapan bulan setelah pelantikan, beliau memindahkan empat camat.", (None, 8)),
        ("Bupati kami sudah empat tahun menjabat dan akan maju lagi.", (None, 48)),
        ("regent here, 4th yr in office.", (None, 37)),
        # the time left in office is not the time in it; a span that is not counted to the pairs or the inauguration
        ("He lost; he still has ~2 months in office and wants to shuffle the agency heads.", (None, None)),
        ("Bupati kami masih menjabat 8 bulan lagi dan mau merombak kepala dinas.", (None, None)),
        ("Pilkada masih setahun lagi, bolehkah bupati merotasi pejabat?", (None, None)),
        # the month the pairs are set and the month it is now
        ("Penetapan paslon dijadwalkan KPU bulan September, sekarang masih Januari. Bupati mau mutasi kabid.", (8, None)),
        ("KPU menjadwalkan penetapan pasangan calon akhir September. Sekarang bulan Mei.", (4, None)),
        ("The KPU will set the pairs in late September; it's now May.", (4, None)),
        # ... not when the setting is past ("it's now October; the pairs were set in September")
        ("It's now October; the candidate pairs were set in September.", (None, None)),
        # the month the head was sworn in and the month it is now, into the next year when it comes before it
        ("Wali kota kami dilantik bulan Maret, sekarang sudah Juli. Boleh ganti kepala dinas?", (None, 4)),
        ("Our regent was sworn in on 20 November; it is now April and he wants to replace two agency heads.", (None, 5)),
        ("The governor was inaugurated in February 2025 and it is now March 2026.", (None, 13)),
        ("The governor was inaugurated in February 2026; it is now January 2025.", (None, None)),
    ],
)
def test_months_before_the_pairs_and_in_office_are_read(question: str, months: tuple[int | None, int | None]) -> None:
    assert detect_months(normalise(question)) == months


@pytest.mark.slow
def test_real_rule_base_counts_the_six_months_of_the_law(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 71 ayat (2) bars replacing officials from six months before KPU sets the
    pairs; Pasal 162 ayat (3) asks a new head for the Minister's approval in his first six months.
    Outside those months the regional-election law does not bar it or ask for it."""
    cases = {
        "I'm the regent and will run again. KPU sets the candidate pairs roughly 8 months from now. May I rotate a few agency heads this month without the minister's approval?":
            ("allowed", "kepala-daerah-ganti-pejabat-sebelum-masa-larangan"),
        "Saya bupati dan akan maju lagi. Empat bulan sebelum KPU menetapkan paslon, bolehkah saya memutasi tiga kepala dinas tanpa izin Mendagri?":
            ("prohibited", "kepala-daerah-ganti-pejabat-jelang-pilkada"),
        "Saya wali kota, dilantik delapan bulan lalu. Apakah saya masih perlu persetujuan tertulis Mendagri untuk merotasi kepala dinas?":
            ("allowed", "kepala-daerah-ganti-pejabat-setelah-enam-bulan"),
        "Saya wali kota, dilantik dua bulan lalu. Apakah saya perlu persetujuan tertulis Mendagri untuk merotasi kepala dinas?":
            ("required", "kepala-daerah-baru-ganti-pejabat"),
    }
    for q, (verdict, rule) in cases.items():
        d = corpus_matcher.decide(q)
        assert _outcome(d) == (verdict, rule), (q, d.verdict, d.rule and d.rule.id)


@pytest.mark.slow
def test_real_rule_base_voting_in_a_candidate_s_shirt_is_not_the_plain_vote(corpus_matcher: RuleMatcher) -> None:
    """Coming to vote in a shirt with the candidate's picture shows a side (PP 94/2021 Pasal 5 huruf
    n angka 6): the voting permission does not answer it; in one's Korpri uniform it still does."""
    d = corpus_matcher.decide("Besok hari pencoblosan pilkada. Saya PNS, boleh datang ke TPS pakai kaos bergambar paslon yang saya pilih?")
    assert d.verdict != "allowed", (d.verdict, d.rule and d.rule.id)
    d = corpus_matcher.decide("PNS here. On voting day I go to the office right after; may I wear my Korpri uniform when I vote at the TPS?")
    assert _outcome(d) == ("allowed", "asn-menggunakan-hak-pilih")


@pytest.mark.slow
def test_real_rule_base_the_asker_s_own_status_is_no_servant_a_campaign_involves(corpus_matcher: RuleMatcher) -> None:
    """"PNS here, may I repost KPU's reminder?" names a servant, but no campaign involves him: the rules
    against involving servants in a campaign are not its situation; one whom a team asks in is involved."""
    own = corpus_matcher.spoken(analyse("PNS here. Can I repost KPU's story reminding people to check the voter list and come to the TPS? No candidate on it."))
    assert "aparat-dilibatkan" not in own and "ajakan-memilih" in own
    asked = corpus_matcher.spoken(analyse("I'm a police officer. A governor pair's team coordinator asked me to run a health tent beside their stage."))
    assert "aparat-dilibatkan" in asked
    # ... nor states the exception of an official's permission ("not with civil servants brought along")
    d = corpus_matcher.decide("The mayor spoke at a regent pair's rally last Sunday after his campaign permission came through. We civil "
                              "servants are told to stay neutral, so how can he do that?")
    assert _outcome(d) == ("allowed", "kepala-daerah-kampanye-pilkada-dengan-izin"), (d.verdict, d.rule and d.rule.id)


def test_stage_told_must_be_a_boolean(tmp_path: Path) -> None:
    (tmp_path / "r.toml").write_text(NEUTRAL_AND_VOTE.replace("general = true", 'stage_told = "yes"'))
    with pytest.raises(RuleError, match="stage_told must be true or false"):
        load_rules(tmp_path)


@pytest.mark.slow
def test_real_rule_base_a_village_head_before_the_pairs_are_set(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 71 ayat (1) bars a village head's acts that favour a candidate pair, and a
    pair exists only once KPU has set it: before that the rule base says the texts we hold do not
    settle it; told no stage, or after the pairs are set, the ban answers."""
    before = corpus_matcher.decide("Saya kades. Bulan depan ada deklarasi bakal calon bupati di lapangan desa, KPU belum menetapkan "
                                   "pasangan calon. Saya diminta memberi sambutan dukungan, boleh?")
    assert (before.verdict, before.rule.id if before.rule else None) == ("unclear", "kades-dukung-bakal-calon-pilkada")
    for q in ("Saya kepala desa. Saya mengumpulkan warga di balai desa dan meminta mereka memilih paslon bupati nomor 2. Boleh?",
              "Selama masa kampanye pilkada, kepala desa menyuruh RT mengajak warga memilih paslon nomor 1. Apakah itu melanggar?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("prohibited", "kades-keputusan-pilkada"), q


@pytest.mark.slow
def test_real_rule_base_a_minister_on_a_weekend_and_a_servant_who_fears_voting(corpus_matcher: RuleMatcher) -> None:
    """A minister who is a party member needs no leave to campaign on a day off (UU 7/2017 Pasal
    302 ayat (3)). Neutrality does not take a civil servant's vote away (UU 7/2017 Pasal 198)."""
    d = corpus_matcher.decide("I'm a minister and a party member. Can I speak at my party's presidential ticket rally this Saturday without taking leave?")
    assert d.verdict == "allowed", (d.verdict, d.rule and d.rule.id)
    d = corpus_matcher.decide("PNS here. Since we must stay neutral, should I abstain from voting in the election, or can I still go to the TPS?")
    assert _outcome(d) == ("allowed", "asn-menggunakan-hak-pilih")


@pytest.mark.slow
def test_real_rule_base_on_voting_day(corpus_matcher: RuleMatcher) -> None:
    """The crimes of polling day bind anyone, civil servants who serve at a polling station included
    (UU 10/2016 Pasal 178B, 178G): voting twice, going into the booth with a voter who needs no help;
    and the KPPS must hand each pair's witness a copy of the results (Pasal 193 ayat (5)). A voter who
    is blind is the exception of the booth rule: never "prohibited" then."""
    cases = {
        "Saya guru PNS dan anggota KPPS. Boleh nggak saya nyoblos dua kali karena surat suara sisa banyak di pilkada?":
            ("prohibited", "UU 10/2016 Pasal 178B"),
        "At the regent election, may I go into the voting booth with my teenage son? He is healthy, just nervous.":
            ("prohibited", "UU 10/2016 Pasal 178G"),
        "Our KPPS ran out of forms; must we still give the witness of each pair a copy of the results in the pilkada?":
            ("required", "UU 10/2016 Pasal 193 ayat (5)"),
    }
    for q, (verdict, basis) in cases.items():
        d = corpus_matcher.decide(q)
        assert d.verdict == verdict and d.rule is not None and d.rule.basis[0].text == basis, (q, d.verdict, d.rule and d.rule.id)
    d = corpus_matcher.decide("Ayah saya tunanetra. Pas pilkada nanti boleh saya dampingi beliau masuk bilik suara?")
    assert d.verdict != "prohibited", (d.verdict, d.rule and d.rule.id)


def test_a_bare_can_he_asks_about_the_sentence_before_it() -> None:
    """"can he??" after a story asks about the story's last sentence: handling a case is what is
    asked when that sentence speaks of it; a question of more words stands alone."""
    from kb.actors import asking_part, asking_with_antecedent, normalise

    story = normalise("got reported for going to a rally. my boss says he'll question me in front of the whole staff at monday assembly. can he??")
    asked = asking_with_antecedent(story, asking_part(story))
    assert "question me" in asked and "rally" not in asked
    plain = normalise("My boss examined me yesterday. Is he allowed to hold the examination over video?")
    alone = asking_with_antecedent(plain, asking_part(plain))
    assert "examined me yesterday" not in alone and "video" in alone


def test_rules_set_aside_for_handling_take_no_place_in_the_fused_ranking() -> None:
    """The steps of handling a case answer only questions on handling; for any other question
    they score the place they would take but push no rule down, so adding more of them does
    not crowd an act's rule out of its answer."""
    from types import SimpleNamespace

    import numpy as np

    from kb.rulematch import RuleMatcher, Thresholds

    t = Thresholds()
    me = SimpleNamespace(t=t, rules=[object()] * 3)
    adjusted, lexical = np.array([0.9, 0.8, 0.7]), np.array([3.0, 2.0, 0.0])
    plain = RuleMatcher._fused(me, adjusted, lexical, None)
    aside = RuleMatcher._fused(me, adjusted, lexical, np.array([True, False, False]))
    k = t.rrf_k
    assert plain[1] == pytest.approx(1 / (k + 2) + t.lexical_weight / (k + 2))
    assert aside[1] == pytest.approx(1 / (k + 1) + t.lexical_weight / (k + 1))  # rule 0 took no place
    assert aside[0] == pytest.approx(plain[0]) and aside[2] == pytest.approx(1 / (k + 2))  # no lexical rank without a word


@pytest.mark.slow
def test_real_rule_base_a_citizen_may_donate_to_a_campaign_a_civil_servant_may_not(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 74: individuals and private companies may fund a pair's campaign within
    the limits; a civil servant who funds one takes part in it (Penjelasan PP 94/2021 Pasal 5
    huruf n angka 3)."""
    for q in ("Ayah saya pensiunan guru, sudah tidak PNS. Dia mau nyumbang 10 juta ke rekening kampanye paslon bupati. Boleh?",
              "I run a small printing business. May I donate Rp20 million to the campaign fund of a mayoral pair?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "warga-sumbang-dana-kampanye-pilkada"), q
        assert d.rule.basis[0].text == "UU 10/2016 Pasal 74 ayat (5)"
    for q in ("Saya PNS, boleh menyumbang ke dana kampanye paslon bupati?",
              "I'm a civil servant. Can I donate to my favourite governor candidate's campaign fund?"):
        assert corpus_matcher.decide(q).verdict == "prohibited", q


@pytest.mark.slow
def test_real_rule_base_a_relative_of_the_incumbent_may_run(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 deleted the requirement of no conflict of interest with the incumbent (Pasal 7
    ayat (2) huruf r, named in its Penjelasan Umum): a sitting head's child or wife may run. The
    head's own second term and a PNS's candidacy are other rules."""
    for q in ("Putri gubernur kami mau mendaftar jadi calon gubernur, padahal ibunya masih menjabat. Bukankah politik dinasti dilarang?",
              "The regent's daughter plans to run for regent next year while her father is still in office. Is a relative of the incumbent barred?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "kerabat-petahana-boleh-nyalon-pilkada"), q
    d = corpus_matcher.decide("My mother is the sitting regent. A party wants to nominate me for regent here. Does my family tie to the incumbent bar me?")
    assert _outcome(d) == ("allowed", "kerabat-petahana-boleh-nyalon-pilkada")
    d = corpus_matcher.decide("Bupati petahana mau maju lagi di pilkada kabupaten yang sama. Apa dia harus cuti selama kampanye?")
    assert d.rule is None or d.rule.id != "kerabat-petahana-boleh-nyalon-pilkada"


@pytest.mark.slow
def test_real_rule_base_a_civil_servant_may_be_the_ppk_secretary(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 16 ayat (4)-(5): the PPK's secretariat is led by a civil servant whom the
    regent or mayor appoints by decree. Holding the post breaks no neutrality rule."""
    for q in ("Camat bilang bupati sudah menandatangani SK yang menetapkan saya, PNS kecamatan, menjadi sekretaris PPK. Apa saya melanggar netralitas?",
              "I'm a PNS at a sub-district office and the mayor's decree appointed me PPK secretary for the election. Is a civil servant allowed to hold that post?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "pns-tugas-untuk-penyelenggara-pemilu"), q


@pytest.mark.slow
def test_real_rule_base_meals_for_campaign_participants_are_not_called_vote_buying(corpus_matcher: RuleMatcher) -> None:
    """The elucidation of UU 10/2016 Pasal 73 ayat (1) takes meals, drinks and transport for
    campaign participants within the KPU's limits out of money politics; the KPU's limits for a
    general election are not in the corpus. Lunch boxes at a campaign meeting are never called
    a crime, while cash in envelopes still is."""
    for q in ("Kami tim kampanye caleg DPRD. Di pertemuan terbatas nanti peserta dapat nasi kotak dan air mineral. Itu politik uang?",
              "Our legislative campaign team will serve a lunch box to everyone at our face-to-face meeting. Is that vote buying?"):
        d = corpus_matcher.decide(q)
        assert d.verdict != "prohibited", (q, d.verdict, d.rule and d.rule.id)
    d = corpus_matcher.decide("Tim kampanye caleg DPR membagikan amplop berisi uang kepada peserta rapat umum. Boleh?")
    assert d.verdict == "prohibited", (d.verdict, d.rule and d.rule.id)


@pytest.mark.slow
def test_real_rule_base_an_officer_of_a_state_enterprise_who_runs_and_an_official_s_escort(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 7 ayat (2) huruf u: an officer of a BUMN or BUMD leaves the post once
    confirmed as a candidate. UU 7/2017 Pasal 281 ayat (1) huruf a: a campaigning official may use
    no facility of office except the security the law gives state officials."""
    d = corpus_matcher.decide("Saya direktur utama BUMD air minum dan partai mengusung saya jadi calon bupati. Boleh tetap menjabat sambil kampanye?")
    assert _outcome(d) == ("required", "pejabat-bumn-nyalon-pilkada-berhenti")
    d = corpus_matcher.decide("The minister will speak at a presidential rally on Sunday with his police security detail. Does he have to leave the escort behind?")
    assert _outcome(d) == ("allowed", "pejabat-kampanye-dengan-pengamanan-pemilu")
    d = corpus_matcher.decide("Seorang menteri berkampanye untuk capres memakai mobil dinas kementerian. Boleh?")
    assert d.verdict == "prohibited", (d.verdict, d.rule and d.rule.id)


@pytest.mark.slow
def test_real_rule_base_the_ballot_box_goes_sealed_to_the_ppk_the_same_day(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 193 ayat (6): a KPPS that does not keep the ballot box intact and hand it
    over sealed to the PPK the same day commits a crime; serving on the KPPS is a task for the
    organisers, but taking the box home is no part of it."""
    for q in ("Saya guru PNS dan anggota KPPS. Hitungan selesai jam 12 malam, boleh kotak suaranya saya simpan di rumah dan besok baru ke PPK?",
              "I'm a PPPK on the polling-station committee. May the chair keep the sealed ballot box at his house overnight?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("prohibited", "kpps-tahan-kotak-suara"), q


@pytest.mark.slow
def test_real_rule_base_a_report_made_up_to_harm_a_colleague_is_no_lawful_report(corpus_matcher: RuleMatcher) -> None:
    """Reporting a breach is a right; a report one knows is untrue breaches the civil-service code
    of ethics (PP 42/2004 Pasal 8 huruf h, Pasal 11 huruf a). Such a question is never answered
    "allowed", while a plain question on where to report still is."""
    for q in ("Bolehkah saya melaporkan teman sekantor ke Bawaslu ikut kampanye, padahal nggak, pakai foto editan?",
              "Can I report my deskmate to the head of office for campaigning, with a fabricated screenshot, even though she didn't?"):
        d = corpus_matcher.decide(q)
        assert d.verdict != "allowed", (q, d.verdict, d.rule and d.rule.id)
    for q in ("Saya melihat camat ikut kampanye paslon bupati. Ke mana saya bisa melapor?",
              # fear of being slandered back, or a mind not made up, tells no false report
              "Saya mau lapor kades yang kampanye, tapi takut difitnah balik. Ke mana lapornya?",
              "I can't make up my mind whom to vote for; may I report a neighbour who keeps pushing me to pick pair 2?"):
        d = corpus_matcher.decide(q)
        assert (d.verdict, d.rule and d.rule.id) == ("allowed", "lapor-pelanggaran-netralitas"), q


@pytest.mark.slow
def test_real_rule_base_altering_the_count_is_the_crime_of_pasal_178e(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 178E: altering, damaging or doing away with the result of the vote or the
    count is a crime for anyone, a third heavier for organisers and witnesses. A question about
    the witnesses' copy of the results stays with the copy duty (Pasal 193 ayat (5))."""
    for q in ("Saya anggota PPS. Waktu rekap, camat minta saya menggeser suara dari paslon 2 ke paslon 1. Apa risikonya?",
              "Saya anggota KPPS. Bolehkah surat suara sisa di TPS kami dicoblos untuk paslon yang menang?",
              "Our KPPS chair wants to add votes for the pair that lost narrowly when copying the result. Is that allowed?"):
        d = corpus_matcher.decide(q)
        assert (d.verdict, d.rule and d.rule.id) == ("prohibited", "ubah-hasil-penghitungan-suara"), q
    d = corpus_matcher.decide("Saya ketua KPPS. Saksi paslon 3 minta salinan hasil penghitungan, wajib saya kasih?")
    assert d.rule is None or d.rule.id != "ubah-hasil-penghitungan-suara", d.rule.id
    # a result form photographed or read, or votes a pair won from another's voters, alter nothing
    for q in ("Saya saksi paslon, boleh saya foto formulir hasil di TPS?",
              "Apakah warga boleh melihat lembar hasil penghitungan yang ditempel di TPS?",
              "Paslon 1 dapat banyak suara dari paslon lain yang mundur, itu sah?"):
        d = corpus_matcher.decide(q)
        assert d.verdict != "prohibited", (q, d.rule and d.rule.id)


@pytest.mark.slow
def test_real_rule_base_an_official_s_security_and_a_blind_voter_s_helper_are_the_law_s_exceptions(corpus_matcher: RuleMatcher) -> None:
    """UU 7/2017 Pasal 281 ayat (1) huruf a bars a campaigning official's facilities of office
    except security; UU 10/2016 Pasal 178G lets a blind voter be accompanied. Neither is
    answered with the ban."""
    for q in ("I'm a minister and a party member. When I speak at a presidential rally on my leave day, may my police "
              "protection detail come along, or is that using the facilities of my office?",
              "My grandmother lost her sight years ago and wants me to help her in the booth on voting day. Is that allowed?"):
        d = corpus_matcher.decide(q)
        assert d.verdict != "prohibited", (q, d.verdict, d.rule and d.rule.id)
    # ... but the exception is the security alone: the official car beside it is no permission
    d = corpus_matcher.decide("Can a minister use his official car and police escort when he campaigns on his leave day?")
    assert d.verdict != "allowed", (d.verdict, d.rule and d.rule.id)



@pytest.mark.slow
def test_real_rule_base_party_member_officials_may_campaign_but_civil_servants_may_not(corpus_matcher: RuleMatcher) -> None:
    """A state official who is a party member has the right to campaign (UU 7/2017 Pasal 299 ayat (2)):
    a DPR member as much as a minister; the same act asked by a PNS stays prohibited."""
    for q in ("Saya anggota DPR dari sebuah partai. Boleh saya berkampanye untuk pasangan capres yang diusung partai saya?",
              "I'm a member of the DPR for my party. May I campaign for our presidential pair?"):
        d = corpus_matcher.decide(q)
        assert d.verdict == "allowed" and d.rule is not None and d.rule.basis[0].text == "UU 7/2017 Pasal 299 ayat (2)", (q, d.verdict, d.rule)
        # the rule of the party member's right, which names no leave for a DPR member, not the one on campaigning on leave
        assert d.rule.id == "pejabat-anggota-partai-berhak-kampanye-pemilu", d.rule.id
    d = corpus_matcher.decide("Saya PNS. Boleh saya berkampanye untuk pasangan capres yang saya dukung?")
    assert d.verdict == "prohibited", (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_a_soldiers_family_keeps_the_vote(corpus_matcher: RuleMatcher) -> None:
    """Only serving soldiers and police officers do not use their vote in a general election
    (UU 7/2017 Pasal 200); every other citizen of 17 or more has it (Pasal 198 ayat (1)), their
    spouses and children too. The soldier's own vote stays barred, and a civil servant's vote is
    answered by the rule for civil servants."""
    for q in ("Ayah saya tentara aktif jadi tidak ikut mencoblos di pemilu. Saya anaknya, umur 19, boleh ikut memilih?",
              "My wife is a police officer and won't vote in the general election. Does that mean I can't vote either?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "warga-menggunakan-hak-pilih"), (q, d.verdict, d.rule)
        assert d.rule.basis[0].text == "UU 7/2017 Pasal 198 ayat (1)"
    d = corpus_matcher.decide("Saya polisi aktif. Boleh ikut mencoblos di pemilu nanti?")
    assert d.verdict == "prohibited", (d.verdict, d.rule)
    d = corpus_matcher.decide("Saya PNS di dinas pendidikan. Boleh saya ikut mencoblos di pilkada nanti?")
    assert _outcome(d) == ("allowed", "asn-menggunakan-hak-pilih"), (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_helping_a_blind_voter_in_the_booth(corpus_matcher: RuleMatcher) -> None:
    """Only accompanying a voter who is neither blind nor physically disabled is a crime (UU 10/2016
    Pasal 178G): helping one who is, at their request, is lawful, for a civil servant too. A voter
    the question says is not impaired is not that voter; telling others the choice is the helper's
    own offence (Pasal 178H), which the permission does not answer."""
    for q in ("Kakek saya tunanetra dan minta saya menemaninya ke bilik suara saat pilkada. Saya PNS, boleh?",
              "My uncle uses a wheelchair and asked me to help him vote inside the booth at the regent election. Is that allowed?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "dampingi-pemilih-berhalangan-fisik"), (q, d.verdict, d.rule)
        assert d.rule.basis[0].text == "UU 10/2016 Pasal 178G"
    d = corpus_matcher.decide("My aunt is not blind or disabled, she just finds the ballot confusing. Can I go into the booth with her at the regent election?")
    assert d.verdict == "prohibited" and d.rule is not None and d.rule.id == "pendamping-pemilih-tanpa-halangan", (d.verdict, d.rule)
    d = corpus_matcher.decide("My blind grandfather asked me into the booth at the pilkada. Afterwards, may I tell my friends which candidate he chose?")
    assert d.verdict != "allowed", (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_neutrality_is_no_reason_to_abstain(corpus_matcher: RuleMatcher) -> None:
    """"ASN must be neutral, so better not vote?": neutrality is about taking no side, not about
    giving up the vote (UU 7/2017 Pasal 198 ayat (1); only soldiers and police do not vote, Pasal
    200), for a PNS and a PPPK alike."""
    for q in ("katanya PNS itu harus netral, jadi lebih baik saya tidak usah nyoblos aja ya pas pilkada?",
              "Saya guru PPPK. Teman bilang ASN wajib netral sehingga sebaiknya golput. Benar begitu?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("allowed", "asn-menggunakan-hak-pilih"), (q, d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_a_regents_branded_programme_counts_only_in_the_six_months(corpus_matcher: RuleMatcher) -> None:
    """A regional head may not use programmes that favour a pair from six months before the pairs
    are set until the elected pair is set (UU 10/2016 Pasal 71 ayat (3)); more than six months
    before, or once the winner is set, that ban gives no verdict (its exception)."""
    for q in ("Our regent, who is running again, launched a free-uniform programme with his photo on every package three months "
              "before KPU sets the pairs. Is that legal?",
              "Wali kota mau maju lagi; lima bulan sebelum penetapan pasangan calon ia meluncurkan program beasiswa bertuliskan namanya. Boleh?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("prohibited", "kepala-daerah-program-untungkan-paslon"), (q, d.verdict, d.rule)
    for q in ("Bupati kami yang mau maju lagi meluncurkan program bantuan beras berlogo wajahnya, sembilan bulan sebelum KPU "
              "menetapkan pasangan calon. Boleh?",
              "KPU sudah menetapkan pasangan calon terpilih. Bupati lama mau meluncurkan program bantuan modal sebelum masa "
              "jabatannya habis. Masih kena larangan?"):
        d = corpus_matcher.decide(q)
        assert d.verdict != "prohibited", (q, d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_a_post_urging_a_vote_for_a_number_is_taking_sides(corpus_matcher: RuleMatcher) -> None:
    """An appeal to vote for a numbered candidate, posted by a civil servant, is support shown for
    a side (PP 94/2021 Pasal 5 huruf n), the quiet period included."""
    d = corpus_matcher.decide("pns upload ajakan coblos paslon nomor 3 di facebook, kena sanksi?")
    assert _outcome(d) == ("prohibited", "pns-ajak-dukung-calon"), (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_a_victory_celebration_for_one_side_is_taking_sides(corpus_matcher: RuleMatcher) -> None:
    """The ban on activities leaning towards a pair runs "sebelum, selama, dan sesudah masa kampanye"
    (PP 94/2021 Pasal 5 huruf n angka 6): a civil servant's celebration of one side's win after the
    vote takes that side; a plain congratulation once KPU has set the result is not said to be banned."""
    for q in ("Pilkada sudah selesai. Saya PNS mau bikin syukuran kemenangan paslon yang saya dukung di rumah dan undang warga. Boleh?",
              "The vote is over. May a civil servant ride in the winning legislative candidate's victory convoy with party flags?"):
        d = corpus_matcher.decide(q)
        assert _outcome(d) == ("prohibited", "pns-rayakan-kemenangan-calon"), (q, d.verdict, d.rule)
    d = corpus_matcher.decide("Hasil pilkada sudah ditetapkan KPU. Bolehkah PNS memberi selamat kepada wali kota terpilih lewat Facebook?")
    assert d.verdict != "prohibited", (d.verdict, d.rule)


@pytest.mark.slow
def test_real_rule_base_the_minister_s_written_approval_lifts_the_ban_on_replacing_officials(corpus_matcher: RuleMatcher) -> None:
    """UU 10/2016 Pasal 71 ayat (2) bars replacing officials from six months before the pairs are set
    "kecuali mendapat persetujuan tertulis dari Menteri": an approval received makes it lawful; one asked
    about as a need, or not yet come, leaves the ban."""
    cases = {
        "Bupati mutasi kadis 2 bulan sebelum penetapan paslon, sudah dapat izin tertulis Mendagri. Sah?":
            ("allowed", "kepala-daerah-ganti-pejabat-dengan-persetujuan-menteri"),
        "Bupati mau mutasi kepala dinas 2 bulan sebelum penetapan paslon, harus izin Mendagri gak?":
            ("prohibited", "kepala-daerah-ganti-pejabat-jelang-pilkada"),
        "Does a regent who wants to replace agency heads three months before the pairs are set need the minister's approval?":
            ("prohibited", "kepala-daerah-ganti-pejabat-jelang-pilkada"),
        "Bupati mutasi kadis 2 bulan sebelum penetapan paslon, izin Mendagri belum keluar. Sah?":
            ("prohibited", "kepala-daerah-ganti-pejabat-jelang-pilkada"),
    }
    for q, want in cases.items():
        d = corpus_matcher.decide(q)
        assert _outcome(d) == want, (q, d.verdict, d.rule and d.rule.id)


@pytest.mark.slow
def test_real_rule_base_an_inked_finger_that_names_no_side_is_a_call_to_vote(corpus_matcher: RuleMatcher) -> None:
    """A photo of one's inked finger that names no pair and poses no number urges a vote for no one
    (PP 94/2021 Pasal 5 huruf n bans support for a side)."""
    d = corpus_matcher.decide("Abis nyoblos, PNS boleh posting foto jari yang kena tinta di status WA? Ga nyebut paslon, ga pose nomor.")
    assert _outcome(d) == ("allowed", "asn-ajak-gunakan-hak-pilih-tanpa-calon"), (d.verdict, d.rule and d.rule.id)
