"""Category lexicon and difficulty cues, in folded form (lower case, no diacritics, đ→d).

Each category lists phrases that name the *thing* that is difficult; a clause that is a
difficulty (it carries a cue) gets every category whose phrase it contains. Phrases are
matched on word boundaries of the folded clause. Vietnamese and English side by side.
"""

from __future__ import annotations

CATEGORY_TERMS: dict[str, tuple[str, ...]] = {
    "it_infrastructure": (
        "scanner", "scanners", "printer", "printers", "computer", "internet connection", "network coverage",
        "may bam so", "man hinh", "he thong xep hang", "may chu",
        "ha tang cong nghe thong tin", "ha tang cntt", "ha tang so", "ha tang ky thuat",
        "cong nghe thong tin", "duong truyen", "ket noi mang", "mang internet", "mang 4g",
        "song dien thoai", "phu song", "may tinh", "may scan", "may photo", "thiet bi cntt",
        "thiet bi cong nghe", "moi truong mang", "mang vien thong", "vien thong", "internet",
        "it infrastructure", "information technology", "information infrastructure",
        "network", "connectivity", "computers", "4g", "digital infrastructure",
        "numbering system", "touch screen", "screens", "kiosk", "technical infrastructure",
    ),
    "software_data_signature": (
        "digital signatures", "e-signature", "e-signatures",
        "accounts", "user accounts",
        "token", "usb token",
        "so hoa", "digitizing", "digitization", "digitisation", "digitalization", "digitising",
        "phan mem", "chu ky so", "ky so", "chung thu so", "co so du lieu", "du lieu",
        "lien thong", "he thong thong tin", "tai khoan", "software", "digital signature",
        "database", "data", "online system", "platform",
    ),
    "staffing_shortage_surplus": (
        "lacking expertise", "lack of expertise", "surplus staff", "surplus cadres", "surplus civil servants", "redundant cadres", "redundant staff", "excess staff", "thua can bo", "thua bien che", "redundant civil servants",
        "thieu can bo", "thieu cong chuc", "thieu nhan luc", "thieu nhan su", "doi du",
        "thieu hut can bo", "thieu hut nhan luc", "thieu hut",
        "thua", "bien che", "thieu doi ngu", "chua bo tri du", "chua duoc bo tri", "bo tri can bo",
        "thieu nguoi", "cong chuc chuyen mon", "can bo chuyen mon", "nhan luc", "nhan su",
        "chua dung chuyen mon", "trai chuyen mon", "sai chuyen mon", "so luong",
        "shortage of staff", "staff shortage", "lack of staff", "lacking professional personnel",
        "lacking personnel", "shortage of personnel", "missing team", "understaffed",
        "shortage of civil servants", "lack of civil servants", "not enough staff", "personnel",
    ),
    "staff_capacity": (
        "dao tao", "bo ngo", "chua quen", "lung tung", "ve chuyen mon",
        "trinh do", "nang luc", "kinh nghiem", "ky nang", "chuyen mon nghiep vu",
        "khong co chuyen mon", "chua co chuyen mon",
        "boi duong", "tap huan", "chat luong doi ngu", "chat luong can bo", "chua dung chuyen mon",
        "sai chuyen mon", "capacity", "qualification", "qualifications", "skills", "experience",
        "quality of", "not uniform", "training",
    ),
    "facilities_equipment": (
        "means to serve", "vehicles", "cars", "waiting space",
        "luu tru ho so", "kho luu tru",
        "tru so", "co so vat chat", "trang thiet bi", "thiet bi lam viec", "phong lam viec",
        "noi lam viec", "dieu kien lam viec", "chat hep", "phuong tien", "ban ghe", "xe o to",
        "headquarters", "office", "offices", "facilities", "equipment", "working conditions",
        "signage", "premises",
    ),
    "finance_budget": (
        "ngan sach", "kinh phi", "nguon von", "nguon thu", "tai chinh", "giai ngan", "von dau tu",
        "dau tu cong", "nguon luc", "quyet toan", "du toan", "thanh toan", "budget", "funds",
        "funding", "disbursement", "financial", "investment capital", "revenue",
    ),
    "legal_guidance": (
        "van ban huong dan", "huong dan", "quy dinh", "phap luat", "chong cheo", "tham quyen",
        "thong tu", "nghi dinh", "van ban phap luat", "co che", "chinh sach phap luat",
        "guidance", "guidelines", "regulations", "instructions", "legal", "law", "decree",
        "stipulate", "authority",
    ),
    "organization_coordination": (
        "assignment of tasks", "task assignment", "division of tasks",
        "phoi hop", "to chuc bo may", "bo may", "phan cong", "quy che", "chuc nang nhiem vu",
        "cong tac lanh dao", "van ban chi dao", "dieu hanh", "mo hinh to chuc", "to chuc doan the",
        "khoi luong cong viec", "ap luc cong viec", "coordination", "apparatus", "organizational",
        "workload", "functions", "decentralisation", "decentralization",
    ),
    "transport_infrastructure": (
        "bridge",
        "giao thong", "tuyen duong", "duong giao thong", "duong lien xa", "duong noi", "cau tran",
        "dap tran", "cau treo", "di lai", "dia ban rong", "ha tang giao thong", "duong sa",
        "o ga", "roads", "road", "bridges", "transport", "travel", "traffic",
    ),
    "disaster_resettlement": (
        "sat lo", "lu quet", "lu lut", "thien tai", "ngap ung", "mua lu", "tai dinh cu", "di doi",
        "bao lu", "landslide", "landslides", "flood", "floods", "flooding", "storm",
        "resettlement", "natural disaster", "erosion",
    ),
    "economy_production": (
        "dich ta lon", "chan nuoi", "ngheo", "ho ngheo", "poverty", "poor households",
        "san xuat", "hop tac xa", "doanh nghiep", "thu nhap", "ho kinh doanh",
        "vung chuyen canh", "nong nghiep", "thi truong", "tieu thu", "production",
        "cooperatives", "businesses", "income", "agricultural",
    ),
    "public_service_delivery": (
        "di lai lam thu tuc", "lam thu tuc", "thu tuc",
        "tre han", "qua han",
        "thu tuc hanh chinh", "ho so", "dich vu cong", "tiep can", "phuc vu nguoi dan",
        "giai quyet ho so", "bat tien", "so do", "chung thuc", "mot cua",
        "administrative procedures", "public services", "public service", "documents",
        "authentication", "records", "citizens",
    ),
    "staff_welfare_policy": (
        "policies for", "policy for", "regimes for",
        "nha cong vu",
        "public housing", "regimes", "regime",
        "che do", "tien luong", "luong", "phu cap", "tam tu", "nha o cong vu", "dai ngo",
        "chinh sach doi voi can bo", "chinh sach cho can bo", "thu nhap cua can bo", "nghi viec",
        "salary", "salaries", "allowance", "allowances", "welfare", "wages", "remuneration",
        "benefits",
    ),
    # Difficulties the codebook has no group for (its definition: "fits none of the others").
    "other": (
        "quy hoach su dung dat", "land use planning",
        "dich benh", "covid", "covid-19", "dai dich", "o nhiem", "khai thac trai phep",
        "dao dai vang", "giai phong mat bang", "an ninh trat tu", "van de moi", "sach giao khoa",
        "giao duc", "pandemic", "pollution", "education", "educational", "customs",
    ),
}  # fmt: skip

# Subjects consulted only when a difficulty names no category term: running the new model
# itself ("việc vận hành chính quyền 2 cấp còn lúng túng") is a matter of organisation.
FALLBACK_TERMS: dict[str, tuple[str, ...]] = {
    # "xuống cấp", "phân tán" with nothing named: the working premises (codebook examples)
    "facilities_equipment": ("xuong cap", "phan tan", "dot nat", "chat hep"),
    "organization_coordination": (
        "van hanh", "chinh quyen dia phuong", "chinh quyen 2 cap", "chinh quyen hai cap",
        "quan ly hanh chinh", "mo hinh", "two-tier", "two-level", "operation", "operating",
    ),
}  # fmt: skip

# A clause names a difficulty when it carries one of these.
STRONG_CUES: tuple[str, ...] = (
    "kho khan", "vuong mac", "han che", "con thieu", "thieu", "doi du", "cham", "lung tung",
    "bat cap", "khong dong bo", "chua dong bo", "chua on dinh", "khong on dinh", "chua dam bao",
    "khong dam bao", "chua dap ung", "xuong cap", "gian doan", "loi ky thuat", "gap loi",
    "chap chon", "phan tan", "chat hep", "qua tai", "sat lo", "chua duoc dau tu",
    "chua kip thoi", "chua day du", "chua tich hop", "cau hinh yeu", "con yeu", "hep", "thap",
    "nho le", "tu phat", "ton tai", "chua ro", "chong cheo", "cach tro", "co lap", "bat tien",
    "chua thuc hien duoc", "khong thuc hien duoc", "con nhieu", "nhung van de moi", "buc xuc",
    "difficult", "difficulties", "obstacle", "obstacles", "problem", "problems", "lack", "lacks",
    "lacked",
    "lacking", "shortage", "shortages", "limited", "not uniform", "unclear", "incomplete",
    "slow", "insufficient", "inadequate", "overload", "surplus", "unstable", "missing", "weak",
    "poor", "shortcomings", "confusion", "not complete", "not yet", "degraded", "isolated",
    "burden", "challenges", "challenge", "struggle", "struggling", "low",
    "chua co", "khong co", "khong du", "sai sot", "tre han", "qua han", "ganh nang", "loi",
    "without", "there is no", "there are no", "there were no", "no full", "does not",
    "do not", "cannot", "errors", "error", "not enough", "not fully", "delays", "late",
    "redundant", "limitations", "chua duoc", "chi co", "thieu hut", "chua dong deu",
    "khong dong deu", "excess", "in need of", "outdated", "slowly", "understaffed", "confused",
    "cramped", "scattered", "overlap", "overlapping", "overlaps", "damaged", "threaten",
    "threatens", "threatened", "isolates", "small-scale", "delayed", "inconvenient",
    "degraded", "downgraded", "not close", "not synchronized", "not integrated", "hu hong",
    "chia cat", "kem", "kem hieu qua", "chua thong suot", "khong thong suot",
)  # fmt: skip
# A capacity or skills problem is about people: the clause must name them.
# Pay and benefits are the staff's unless the clause names other people ("chế độ chính sách
# đối với đồng bào"): policy words need a staff noun, pay words do not.
PAY_TERMS: tuple[str, ...] = (
    "luong", "tien luong", "phu cap", "nha o cong vu", "nha cong vu", "nghi viec", "salary", "salaries",
    "allowance", "allowances", "wages", "remuneration",
)  # fmt: skip
# Skills only people have: a capacity problem even when the clause does not name the staff.
PERSONAL_SKILLS: tuple[str, ...] = (
    "trinh do", "kinh nghiem", "ky nang", "chuyen mon nghiep vu", "bo ngo", "chua quen",
    "qualification", "qualifications", "skills", "experience",
)  # fmt: skip
STAFF_NOUNS: tuple[str, ...] = (
    "can bo", "cong chuc", "vien chuc", "doi ngu", "nhan vien", "nhan luc", "nhan su",
    "nguoi", "staff", "cadres", "civil servants", "officials", "personnel", "employees",
)  # fmt: skip
# Weaker cues count inside a paragraph that announces difficulties.
WEAK_CUES: tuple[str, ...] = ("chua", "con", "not", "still", "remain")
DIFFICULTY_HEADERS: tuple[str, ...] = (
    "kho khan", "vuong mac", "han che", "tuy nhien", "bat cap", "ton tai",
    "difficulties", "obstacles", "however", "shortcomings", "problems", "challenges",
)  # fmt: skip
# Sentences that report achievements, not difficulties.
POSITIVE_MARKERS: tuple[str, ...] = (
    "on dinh", "hieu qua", "thong suot", "dap ung yeu cau", "ghi nhan", "danh gia cao",
    "ket qua", "operating stably", "effectively", "highly appreciated", "commended",
)  # fmt: skip
PROPOSAL_CUES: tuple[str, ...] = (
    "kien nghi", "de nghi", "de xuat", "mong muon", "xin", "recommended", "recommend",
    "proposed", "propose", "suggested", "called for", "requested", "asked", "urged",
)  # fmt: skip
RELEVANCE_CONTEXT: tuple[str, ...] = (
    "chinh quyen dia phuong", "hai cap", "2 cap", "02 cap", "cap xa", "xa, phuong", "sap nhap",
    "sap xep", "xa", "phuong", "two-tier", "two-level", "commune", "communes", "ward", "wards",
    "merger", "local government",
)  # fmt: skip
# A document reports a visit or meeting (not only a report, a feature or a written reply)
# when it names the occasion. Bare "giám sát" is left out: "hệ thống giám sát" is no visit.
VISIT_MARKERS: tuple[str, ...] = (
    "lam viec voi", "lam viec tai", "buoi lam viec", "tham va lam viec", "den tham", "kiem tra",
    "khao sat", "doan giam sat", "doan cong tac", "to cong tac", "tiep xuc cu tri", "doi thoai",
    "hoi nghi", "chu tri", "dan dau", "tiep cong dan", "phien hop", "cuoc hop", "buoi hop",
    "giai trinh", "chat van", "trinh bay kien nghi", "visited", "visit", "worked with",
    "working session", "working trip", "inspected", "inspection", "met with", "meeting",
    "chaired", "led by", "surveyed", "supervision", "conference", "delegation", "met",
    "tiep xuc", "tham hoi", "tham va", "thi sat", "giam sat tai", "session", "toured", "tour",
    "dialogue", "hearing", "inspect", "inspecting", "giao ban", "toa dam", "hoi thao", "so ket",
    "du va chi dao", "du va phat bieu", "tiep va lam viec", "attended", "field trip", "seminar",
)  # fmt: skip
