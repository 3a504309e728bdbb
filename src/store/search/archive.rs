//! A generated archive: many years of a municipality's bodies with realistic Norwegian text,
//! written straight into a store in one transaction. For tests and benchmarks of search and
//! the register at archive scale; deterministic for a given [`ArchiveSpec`].

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{TransactionBehavior, params};

use crate::model::CaseNumber;
use crate::store::{Store, StoreError};

/// A rare word planted in the notes of a few known items ([`ArchiveStats::needles`]).
pub const NEEDLE: &str = "ærfuglkolonien";

/// Words only the descriptions of exempt items hold.
pub const EXEMPT_WORDS: &str = "Notatet beskriver kommunens forhandlingsposisjon.";

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveSpec {
    /// The first year.
    pub first_year: i32,
    /// How many years.
    pub years: u32,
    /// How many bodies (at most 10).
    pub bodies: usize,
    /// Meetings of each body each year.
    pub meetings_per_year: u32,
    /// Items of each meeting.
    pub items_per_meeting: u32,
    /// Seed of the pseudo-random choices.
    pub seed: u64,
}

impl ArchiveSpec {
    /// Twenty years (2005-2024) of ten bodies meeting ten times a year with twenty items:
    /// 2,000 meetings, 40,000 items.
    #[must_use]
    pub fn municipality_20_years() -> Self {
        Self {
            first_year: 2005,
            years: 20,
            bodies: 10,
            meetings_per_year: 10,
            items_per_meeting: 20,
            seed: 0x4d42_4f4b,
        }
    }
}

/// What was generated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArchiveStats {
    /// Meetings written.
    pub meetings: usize,
    /// Items written.
    pub items: usize,
    /// Items whose notes hold [`NEEDLE`]: body and case number.
    pub needles: Vec<(String, CaseNumber)>,
    /// Items whose text names the case management system «P360».
    pub p360_items: usize,
    /// Items exempt from public access.
    pub exempt_items: usize,
    /// Follow-ups written.
    pub follow_ups: usize,
}

/// splitmix64: small, fast, and good enough for picking words.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % (n.max(1) as u64)) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const BODIES: [&str; 10] = [
    "Kommunestyret",
    "Formannskapet",
    "Hovedutvalg for oppvekst og kultur",
    "Hovedutvalg for helse og omsorg",
    "Hovedutvalg for teknikk, miljø og næring",
    "Kontrollutvalget",
    "Eldrerådet",
    "Rådet for personer med funksjonsnedsettelse",
    "Ungdomsrådet",
    "Administrasjonsutvalget",
];

const SURNAMES: [&str; 25] = [
    "Aasen",
    "Bjørnstad",
    "Dahle",
    "Ekrem",
    "Fjørtoft",
    "Gjørtz",
    "Hånes",
    "Iversen",
    "Jørgensen",
    "Kvalsund",
    "Langøy",
    "Myklebust",
    "Næss",
    "Ødegård",
    "Sæther",
    "Tødenes",
    "Ulvestad",
    "Vågen",
    "Ålmo",
    "Årseth",
    "Bræin",
    "Løvik",
    "Strømme",
    "Hjelle",
    "Ræstad",
];

const GIVEN: [&str; 20] = [
    "Kari",
    "Ola",
    "Marianne",
    "Per Sverre",
    "Gerd Marit",
    "Fred",
    "Bjørg",
    "Åse",
    "Øystein",
    "Tor Øyvind",
    "Siv",
    "Hege",
    "Jørn",
    "Trude",
    "Håkon",
    "Sølvi",
    "Ingrid",
    "Pål",
    "Mette",
    "Ragnhild",
];

const PLACES: [&str; 18] = [
    "Årø",
    "Bjørnsund",
    "Hustad",
    "Elnesvågen",
    "Åndalsnes",
    "Vestnes",
    "Aukra",
    "Mølje",
    "Kleive",
    "Bud",
    "Eide",
    "Vågstranda",
    "Tomrefjord",
    "Sølsnes",
    "Hjelset",
    "Røbekk",
    "Økenes",
    "Fræna",
];

const BUSINESSES: [&str; 8] = [
    "Café Ørnen",
    "Bryggerhuset AS",
    "Fjordstua",
    "Hotell Årø",
    "Kafé Måken",
    "Sjøbua pub",
    "Restaurant Glød",
    "Vågen Vertshus",
];

const AREAS: [&str; 10] = [
    "skolefritidsordningen",
    "byggesaksbehandling",
    "innkjøp og anskaffelser",
    "sykefraværsoppfølging",
    "barnevernet",
    "eiendomsforvaltning",
    "informasjonssikkerhet",
    "tilskudd til private barnehager",
    "psykisk helse og rus",
    "vedlikehold av kommunale veger",
];

/// Title templates: {p} place, {b} business, {a} area, {y} year, {y1} next year, {y4} four
/// years on, {t} tertial.
const TOPICS: [&str; 30] = [
    "Økonomirapport {t}. tertial {y}",
    "Budsjett {y1} og økonomiplan {y1}–{y4}",
    "Årsmelding og årsregnskap {y0}",
    "Reguleringsplan for {p} sentrum",
    "Detaljregulering for {p} næringsområde",
    "Søknad om skjenkebevilling – {b}",
    "Nytt sak- og arkivsystem (P360)",
    "Anskaffelse av skoleskyss for {p} skole",
    "Rehabilitering av {p} sykehjem",
    "Tilstandsrapport for grunnskolen {y}",
    "Trafikksikkerhetsplan {y}–{y4}",
    "Vann- og avløpsgebyrer {y1}",
    "Kommunal planstrategi {y}",
    "Klimaplan og klimabudsjett",
    "Interkommunalt samarbeid om barnevern",
    "Tilskudd til lag og foreninger {y}",
    "Bredbåndsutbygging i {p}",
    "Salg av kommunal tomt i {p}",
    "Eierskapsmelding {y}",
    "Forvaltningsrevisjon: {a}",
    "Ungdommens uttalelse om {a}",
    "Helsestasjon og skolehelsetjeneste",
    "Boligsosial handlingsplan",
    "Ny brannstasjon i {p}",
    "Elektriske biler til hjemmetjenesten",
    "Personvern og informasjonssikkerhet – årsrapport",
    "Digitaliseringsstrategi {y}–{y4}",
    "Sykefravær i kommunen – status",
    "Lokale lønnsforhandlinger {y}",
    "Universell utforming av {p} kulturhus",
];

const DESCRIPTION: [&str; 24] = [
    "Saken gjelder {x} og legges fram for politisk behandling.",
    "Kommunedirektøren viser til tidligere vedtak i saken og til vedlagte utredning.",
    "Økonomiske konsekvenser er innarbeidet i budsjett og økonomiplan.",
    "Tiltaket vil styrke tjenestetilbudet til innbyggerne i {p}.",
    "Det er gjennomført høring, og innspill fra berørte parter er vurdert.",
    "Administrasjonen anbefaler at saken behandles før fristen i juni.",
    "Kostnadsoverslaget er på {n} millioner kroner inkludert merverdiavgift.",
    "Saken har vært drøftet med tillitsvalgte og verneombud.",
    "Fylkeskommunen og Statsforvalteren har gitt uttalelse i saken.",
    "Planforslaget legger til rette for nye boliger og næringsarealer i {p}.",
    "Arkivet overføres til det nye sak- og arkivsystemet P360 fra nyttår.",
    "Rapporten viser et mindreforbruk innen helse og omsorg og et merforbruk i skolesektoren.",
    "Det foreslås å øke gebyrene med {n} prosent for å dekke kostnadene.",
    "Ungdomsrådet har bedt om å bli involvert tidlig i arbeidet.",
    "Eldrerådet påpeker behovet for flere omsorgsboliger i {p}.",
    "Tiltaket er i tråd med kommuneplanens samfunnsdel og klimaplanen.",
    "Revisjonen har ikke funnet vesentlige avvik, men peker på svakheter i internkontrollen.",
    "Søknaden gjelder alminnelig skjenkebevilling for øl, vin og brennevin.",
    "Anbudskonkurransen ble kunngjort i Doffin med frist for tilbud i mars.",
    "Vedlikeholdsetterslepet på kommunale bygg er beregnet til {n} millioner kroner.",
    "Det er behov for en helhetlig gjennomgang av {a}.",
    "Saksbehandlingstiden for byggesaker er redusert det siste året.",
    "Bredbåndsdekningen i {p} er fortsatt lav sammenlignet med resten av kommunen.",
    "Kommunen har mottatt tilskudd fra Husbanken til prosjektet.",
];

const NOTES: [&str; 16] = [
    "Kommunedirektøren orienterte om saken og svarte på spørsmål fra medlemmene.",
    "Det ble stilt spørsmål ved framdriften, og administrasjonen kommer tilbake med en plan.",
    "Flere medlemmer understreket betydningen av god dialog med innbyggerne i {p}.",
    "Det ble fremmet et alternativt forslag som falt ved votering.",
    "Utvalget ba om en oversikt over kostnadene fordelt på år.",
    "Saken ble drøftet, og det var bred enighet om hovedlinjene.",
    "Representanten fra {p} ba om at lokale hensyn blir ivaretatt.",
    "Innføringen av P360 har gitt bedre oversikt over saksbehandlingen.",
    "Det ble vist til erfaringer fra nabokommunene.",
    "Administrasjonen redegjorde for risikovurderingen og de økonomiske rammene.",
    "Møtet ble lukket under behandlingen av denne saken.",
    "Det ble orientert om status for {a}.",
    "Ungdomsrådets innspill ble tatt med i den videre behandlingen.",
    "Medlemmene diskuterte prioriteringene i økonomiplanen.",
    "Vedlagte notat ble gjennomgått i møtet.",
    "Det kom fram at tiltaket krever endringer i bemanningen.",
];

const DECISIONS: [&str; 14] = [
    "Saken tas til orientering.",
    "Innstillingen vedtas.",
    "Kommunedirektørens forslag vedtas med de endringer som kom fram i møtet.",
    "Søknaden innvilges.",
    "Søknaden avslås.",
    "Budsjettet vedtas slik det er lagt fram.",
    "Planforslaget vedtas og legges ut til offentlig ettersyn.",
    "Saken sendes tilbake til administrasjonen for ny vurdering.",
    "Saken flyttes til neste møte.",
    "Rapporten tas til orientering, og administrasjonen bes følge opp anbefalingene.",
    "Gebyrene justeres som foreslått fra 1. januar.",
    "Anskaffelsen gjennomføres innenfor vedtatt budsjettramme.",
    "Rådet gir sin tilslutning til forslaget.",
    "Utvalget ber om en ny sak med en bredere utredning.",
];

const TASKS: [&str; 10] = [
    "Utarbeide en kostnadsoversikt for {p}",
    "Sende vedtaket til berørte parter",
    "Legge fram en ny sak om {a}",
    "Innhente uttalelse fra Statsforvalteren",
    "Kunngjøre planforslaget og sende det på høring",
    "Rapportere status for P360-innføringen",
    "Gjennomgå rutinene for {a}",
    "Invitere ungdomsrådet til dialogmøte",
    "Oppdatere tiltaksplanen",
    "Avklare finansiering med fylkeskommunen",
];

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];

const EXEMPT: [&str; 3] = ["offl. § 13", "offl. § 23 første ledd", "offl. § 24"];

/// Fills the placeholders of a template.
fn fill(template: &str, rng: &mut Rng, year: i32, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        match key {
            "p" => out.push_str(rng.pick(&PLACES)),
            "b" => out.push_str(rng.pick(&BUSINESSES)),
            "a" | "x" => out.push_str(rng.pick(&AREAS)),
            "y" => out.push_str(&year.to_string()),
            "y0" => out.push_str(&(year - 1).to_string()),
            "y1" => out.push_str(&(year + 1).to_string()),
            "y4" => out.push_str(&(year + 4).to_string()),
            "t" => out.push_str(&(1 + rng.below(3)).to_string()),
            "n" => out.push_str(&(2 + rng.below(95)).to_string()),
            other => out.push_str(other),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
}

fn sentences(list: &[&str], count: usize, rng: &mut Rng, year: i32) -> String {
    let mut out = String::with_capacity(count * 80);
    for i in 0..count {
        if i > 0 {
            out.push(' ');
        }
        fill(rng.pick(list), rng, year, &mut out);
    }
    out
}

fn meeting_date(year: i32, k: u32, n: u32, rng: &mut Rng) -> NaiveDate {
    // Spread over the year, skipping July.
    let months = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12];
    let idx = (k as usize * months.len()) / n.max(1) as usize;
    let month = months[idx.min(months.len() - 1)];
    let day = 3 + u32::try_from(rng.below(24)).unwrap_or(0);
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default()
}

impl Store {
    /// Writes a generated archive (see [`ArchiveSpec`]) into this store in one transaction.
    /// The search index is kept by its triggers, as for any other write.
    pub fn generate_archive(&mut self, spec: &ArchiveSpec) -> Result<ArchiveStats, StoreError> {
        self.ensure_writable()?;
        let mut rng = Rng(spec.seed);
        let mut stats = ArchiveStats::default();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let bodies = spec.bodies.min(BODIES.len());

        // People: thirty per body.
        let per_body = 30;
        let mut person_ids = Vec::with_capacity(bodies * per_body);
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO people (key, name, organization) VALUES (?1, ?2, ?3)",
            )?;
            for n in 0..bodies * per_body {
                let surname = SURNAMES[n % SURNAMES.len()];
                let given = GIVEN[(n / SURNAMES.len() + n * 7) % GIVEN.len()];
                insert.execute(params![
                    format!("arkiv-{n}"),
                    format!("{surname}, {given}"),
                    Option::<String>::None
                ])?;
                person_ids.push(tx.last_insert_rowid());
            }
        }

        let mut body_ids = Vec::with_capacity(bodies);
        for name in &BODIES[..bodies] {
            tx.prepare_cached("INSERT INTO bodies (name) VALUES (?1)")?
                .execute([name])?;
            body_ids.push(tx.last_insert_rowid());
        }

        let mut insert_meeting = tx.prepare_cached(
            "INSERT INTO meetings (body_id, year, number, date, start_time, end_time, place,
                                   chair_id, referent_id, status)
             VALUES (?1, ?2, ?3, ?4, '18:00', '21:30', ?5, ?6, ?7, ?8)",
        )?;
        let mut lock_meeting =
            tx.prepare_cached("UPDATE meetings SET status = ?2 WHERE id = ?1")?;
        let mut insert_item = tx.prepare_cached(
            "INSERT INTO items (meeting_id, position, number, title, kind, description,
                                proposed_decision, decision, notes, exempt_basis,
                                planned_minutes, outcome)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        let mut insert_presenter = tx.prepare_cached(
            "INSERT INTO item_presenters (item_id, position, person_id) VALUES (?1, 0, ?2)",
        )?;
        let mut insert_guest = tx.prepare_cached(
            "INSERT INTO item_guests (item_id, position, person_id) VALUES (?1, ?2, ?3)",
        )?;
        let mut insert_follow_up = tx.prepare_cached(
            "INSERT INTO item_follow_ups (item_id, position, task, responsible_id, deadline_date,
                                          deadline_text, done)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;

        let final_year = spec.first_year + i32::try_from(spec.years).unwrap_or(1) - 1;
        let mut item_counter: usize = 0;
        for year in spec.first_year..=final_year {
            for (b, &body_id) in body_ids.iter().enumerate() {
                let body_people = &person_ids[b * per_body..(b + 1) * per_body];
                for k in 0..spec.meetings_per_year {
                    let date = meeting_date(year, k, spec.meetings_per_year, &mut rng);
                    let in_last_year = year == final_year;
                    let meeting_status = if !in_last_year || k + 3 < spec.meetings_per_year {
                        "signed"
                    } else if k + 3 == spec.meetings_per_year {
                        "approved"
                    } else if k + 2 == spec.meetings_per_year {
                        "draft_minutes"
                    } else {
                        "planned"
                    };
                    let held = meeting_status != "planned";
                    let chair = body_people[0];
                    let referent = body_people[per_body - 1];
                    // Approved and signed minutes are written as drafts and locked after
                    // (the database refuses content of a locked meeting).
                    let locked = matches!(meeting_status, "approved" | "signed");
                    insert_meeting.execute(params![
                        body_id,
                        year,
                        k + 1,
                        date.format("%Y-%m-%d").to_string(),
                        format!("Kommunestyresalen, {}", rng.pick(&PLACES)),
                        chair,
                        referent,
                        if locked {
                            "draft_minutes"
                        } else {
                            meeting_status
                        }
                    ])?;
                    let meeting_id = tx.last_insert_rowid();
                    stats.meetings += 1;
                    let reference = crate::model::MeetingRef::new(year, k + 1);

                    for n in 1..=spec.items_per_meeting {
                        item_counter += 1;
                        let last = n == spec.items_per_meeting;
                        let (title, kind) = match n {
                            1 => (
                                "Godkjenning av innkalling og saksliste".to_owned(),
                                "decision",
                            ),
                            2 => (
                                "Godkjenning av møtebok fra forrige møte".to_owned(),
                                "decision",
                            ),
                            _ if last => ("Eventuelt".to_owned(), "other_business"),
                            _ => {
                                let mut t = String::new();
                                fill(rng.pick(&TOPICS), &mut rng, year, &mut t);
                                let kind = match rng.below(10) {
                                    0..=5 => "decision",
                                    6..=8 => "information",
                                    _ => "discussion",
                                };
                                (t, kind)
                            }
                        };
                        let description = (n > 2 && !last)
                            .then(|| sentences(&DESCRIPTION, 3 + rng.below(3), &mut rng, year));
                        let proposed = (kind == "decision" && n > 2)
                            .then(|| sentences(&DECISIONS, 1, &mut rng, year));
                        let (decision, outcome) = if !held {
                            (None, None)
                        } else if n == 1 {
                            (
                                Some("Innkalling og saksliste godkjennes.".to_owned()),
                                Some("decided"),
                            )
                        } else if n == 2 {
                            (
                                Some("Møteboka fra forrige møte godkjennes.".to_owned()),
                                Some("decided"),
                            )
                        } else if kind == "information" || last {
                            (Some("Saken tas til orientering.".to_owned()), Some("noted"))
                        } else {
                            let d = sentences(&DECISIONS, 1, &mut rng, year);
                            let outcome = if d.contains("flyttes til neste") {
                                "postponed"
                            } else if d.contains("til orientering") {
                                "noted"
                            } else {
                                "decided"
                            };
                            (Some(d), Some(outcome))
                        };
                        let mut notes = (held && n > 2 && rng.chance(60))
                            .then(|| sentences(&NOTES, 2 + rng.below(3), &mut rng, year));
                        if held && item_counter % 997 == 500 {
                            let text = notes.get_or_insert_with(String::new);
                            let place = rng.pick(&PLACES);
                            text.push_str(" Det må tas hensyn til ");
                            text.push_str(NEEDLE);
                            text.push_str(" ved ");
                            text.push_str(place);
                            text.push('.');
                            stats
                                .needles
                                .push((BODIES[b].to_owned(), reference.case(n)));
                        }
                        let exempt = (n > 2 && !last && rng.chance(2)).then(|| rng.pick(&EXEMPT));
                        let description = match (description, exempt) {
                            (Some(text), Some(_)) => Some(format!("{text} {EXEMPT_WORDS}")),
                            (text, _) => text,
                        };
                        let all_text = [
                            &Some(title.clone()),
                            &description,
                            &proposed,
                            &decision,
                            &notes,
                        ];
                        let mut names_p360 = all_text
                            .iter()
                            .any(|t| t.as_deref().is_some_and(|t| t.contains("P360")));
                        insert_item.execute(params![
                            meeting_id,
                            n - 1,
                            n,
                            title,
                            kind,
                            description,
                            proposed,
                            decision,
                            notes,
                            exempt,
                            (n > 2).then_some(10 + 5 * rng.below(6) as i64),
                            outcome
                        ])?;
                        let item_id = tx.last_insert_rowid();
                        stats.items += 1;
                        if exempt.is_some() {
                            stats.exempt_items += 1;
                        }
                        insert_presenter
                            .execute(params![item_id, body_people[rng.below(per_body)]])?;
                        if held && n > 2 && rng.chance(15) {
                            for g in 0..=rng.below(2) {
                                insert_guest.execute(params![
                                    item_id,
                                    g as i64,
                                    person_ids[rng.below(person_ids.len())]
                                ])?;
                            }
                        }
                        if held && n > 2 && !last && rng.chance(25) {
                            for f in 0..=rng.below(2) {
                                let mut task = String::new();
                                fill(rng.pick(&TASKS), &mut rng, year, &mut task);
                                names_p360 |= task.contains("P360");
                                let due = date + Duration::days(30 + 7 * rng.below(14) as i64);
                                let (deadline_date, deadline_text) = if rng.chance(70) {
                                    (Some(due.format("%Y-%m-%d").to_string()), None)
                                } else {
                                    let month = MONTHS[due.month0() as usize];
                                    (None, Some(format!("til møtet i {month}")))
                                };
                                let done = (!in_last_year && rng.chance(85)).then(|| {
                                    (due - Duration::days(rng.below(20) as i64))
                                        .format("%Y-%m-%d")
                                        .to_string()
                                });
                                insert_follow_up.execute(params![
                                    item_id,
                                    f as i64,
                                    task,
                                    body_people[rng.below(per_body)],
                                    deadline_date,
                                    deadline_text,
                                    done
                                ])?;
                                stats.follow_ups += 1;
                            }
                        }
                        if names_p360 {
                            stats.p360_items += 1;
                        }
                    }
                    if locked {
                        lock_meeting.execute(params![meeting_id, meeting_status])?;
                    }
                }
            }
        }
        drop((
            lock_meeting,
            insert_meeting,
            insert_item,
            insert_presenter,
            insert_guest,
            insert_follow_up,
        ));
        super::sync_index(&tx)?;
        tx.commit()?;
        Ok(stats)
    }
}
