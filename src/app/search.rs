//! Search, the decision register and follow-ups across meetings, in the app. Every query runs
//! on the database thread; replies fill [`SearchState`], which the UI draws from.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;

use super::core::Core;
use super::failure::Failure;
use super::worker::{Reply, Request};
use crate::model::{Edit, MeetingRef, MeetingStatus};
use crate::store::{
    DecisionFilter, DecisionRow, DecisionSort, FollowUpFilter, FollowUpKey, FollowUpRow, MeetingId,
    RegisterChoices, SearchResults, Store, sort_decisions,
};

/// How many hits a search shows at first; "show more" adds as many again.
pub const SEARCH_PAGE: usize = 60;

/// Searches start from this many letters or digits (one letter matches most of an archive).
pub const MIN_QUERY_CHARS: usize = 2;

/// Whether `query` holds enough to search for ([`MIN_QUERY_CHARS`] letters or digits).
#[must_use]
pub fn is_searchable(query: &str) -> bool {
    query.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_QUERY_CHARS
}

/// A file format of the exported register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values (RFC 4180), for spreadsheets.
    Csv,
    /// A PDF table.
    Pdf,
}

/// Something the search field, the register or the follow-up list asks for.
#[derive(Debug)]
pub enum SearchCommand {
    /// Search for what the user typed (an empty or too short query clears the results).
    Search(String),
    /// Show more hits of the current query.
    MoreHits,
    /// Load the register with a filter (and the filters' choices).
    LoadRegister(DecisionFilter),
    /// Sort the loaded register.
    SortRegister {
        /// The column.
        sort: DecisionSort,
        /// Largest first.
        descending: bool,
    },
    /// Write the register (as filtered and sorted) to a file.
    ExportRegister {
        /// The file.
        path: PathBuf,
        /// CSV or PDF.
        format: ExportFormat,
        /// The public version: exempt decisions are withheld.
        public: bool,
    },
    /// Load the follow-up list with a filter.
    LoadFollowUps(FollowUpFilter),
    /// Mark a follow-up done today, or open again.
    SetFollowUpDone {
        /// The follow-up.
        row: Box<FollowUpRow>,
        /// Done (today) or open.
        done: bool,
    },
    /// Rebuild the search index.
    RebuildIndex,
}

/// The open follow-ups of the previous meeting of the open meeting's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviousFollowUps {
    /// The open meeting they were loaded for.
    pub for_meeting: MeetingId,
    /// The previous meeting.
    pub reference: MeetingRef,
    /// Its open follow-ups.
    pub rows: Vec<FollowUpRow>,
}

/// The search field's results, the register and the follow-up list.
#[derive(Debug)]
pub struct SearchState {
    /// The query of the newest search sent.
    pub query: String,
    /// How many hits the current query asks for.
    pub limit: usize,
    sent: u64,
    shown: u64,
    /// The newest results that came back (for `query` or a query typed before it).
    pub results: Option<SearchResults>,
    /// The register's filter, as last loaded.
    pub register_filter: DecisionFilter,
    /// The register's sort column and direction.
    pub register_sort: (DecisionSort, bool),
    /// The register's rows, filtered and sorted, once loaded.
    pub register: Option<Vec<DecisionRow>>,
    /// What the filters can choose from, once loaded.
    pub choices: Option<RegisterChoices>,
    /// The follow-up list's filter, as last loaded.
    pub follow_up_filter: FollowUpFilter,
    /// The follow-up list, once loaded.
    pub follow_ups: Option<Vec<FollowUpRow>>,
    /// Open follow-ups of the meeting before the open one (shown while its agenda is built).
    pub previous: Option<PreviousFollowUps>,
}

impl Default for SearchState {
    fn default() -> Self {
        Self {
            query: String::new(),
            limit: 0,
            sent: 0,
            shown: 0,
            results: None,
            register_filter: DecisionFilter::default(),
            // Newest first.
            register_sort: (DecisionSort::Date, true),
            register: None,
            choices: None,
            follow_up_filter: FollowUpFilter::default(),
            follow_ups: None,
            previous: None,
        }
    }
}

impl SearchState {
    /// Whether the results on screen are for the query as typed now.
    #[must_use]
    pub fn is_current(&self) -> bool {
        self.shown == self.sent
    }
}

/// Work for the database thread.
#[derive(Debug)]
pub enum SearchRequest {
    /// Search.
    Search {
        /// Sequence number (the newest one sent wins).
        seq: u64,
        /// The query.
        query: String,
        /// How many hits.
        limit: usize,
    },
    /// The register's rows and the filters' choices.
    Register {
        /// Which decisions.
        filter: DecisionFilter,
        /// Sort column and direction.
        sort: (DecisionSort, bool),
    },
    /// Write the register to a file.
    Export {
        /// Which decisions.
        filter: DecisionFilter,
        /// Sort column and direction.
        sort: (DecisionSort, bool),
        /// The file.
        path: PathBuf,
        /// CSV or PDF.
        format: ExportFormat,
        /// The public version.
        public: bool,
    },
    /// The follow-up list.
    FollowUps {
        /// Which follow-ups.
        filter: FollowUpFilter,
        /// Today, for what is overdue.
        today: NaiveDate,
    },
    /// Mark a follow-up done (or open), then reload the list.
    SetDone {
        /// The follow-up.
        key: FollowUpKey,
        /// The day, or `None` for open.
        done: Option<NaiveDate>,
        /// The list's filter.
        filter: FollowUpFilter,
        /// Today.
        today: NaiveDate,
    },
    /// The open follow-ups of the meeting before this one.
    Previous(MeetingId),
    /// Rebuild the search index.
    Rebuild,
}

/// What the database thread answers to a [`SearchRequest`].
#[derive(Debug)]
pub enum SearchReply {
    /// Search results.
    Results {
        /// The request's sequence number.
        seq: u64,
        /// What was found.
        results: SearchResults,
    },
    /// The register.
    Register {
        /// Its rows, filtered and sorted.
        rows: Vec<DecisionRow>,
        /// What the filters can choose from.
        choices: RegisterChoices,
    },
    /// The follow-up list.
    FollowUps(Vec<FollowUpRow>),
    /// The open follow-ups of the previous meeting.
    Previous {
        /// The meeting asked for.
        meeting: MeetingId,
        /// The previous meeting and its open follow-ups, if there is a previous meeting.
        found: Option<(MeetingRef, Vec<FollowUpRow>)>,
    },
    /// Something was done; a message for the user.
    Done {
        /// The headline.
        title: &'static str,
        /// Details.
        detail: String,
    },
}

fn failed(failure: Failure, detail: impl std::fmt::Display) -> Reply {
    Reply::failure(failure, &detail)
}

fn register_rows(
    store: &Store,
    filter: &DecisionFilter,
    sort: (DecisionSort, bool),
) -> Result<Vec<DecisionRow>, crate::store::StoreError> {
    let mut rows = store.decisions(filter)?;
    sort_decisions(&mut rows, sort.0, sort.1);
    Ok(rows)
}

/// Carries out a search request on the database thread.
pub(super) fn handle(store: &mut Store, request: SearchRequest) -> Reply {
    match request {
        SearchRequest::Search { seq, query, limit } => match store.search(&query, limit) {
            Ok(results) => Reply::Search(SearchReply::Results { seq, results }),
            Err(e) => failed(Failure::Search, e),
        },
        SearchRequest::Register { filter, sort } => {
            let result = register_rows(store, &filter, sort)
                .and_then(|rows| Ok((rows, store.register_choices()?)));
            match result {
                Ok((rows, choices)) => Reply::Search(SearchReply::Register { rows, choices }),
                Err(e) => failed(Failure::ReadRegister, e),
            }
        }
        SearchRequest::Export {
            filter,
            sort,
            path,
            format,
            public,
        } => {
            let result = register_rows(store, &filter, sort)
                .map_err(|e| e.to_string())
                .and_then(|rows| {
                    let bytes = match format {
                        ExportFormat::Csv => {
                            crate::report::register::register_csv(&rows, public).into_bytes()
                        }
                        ExportFormat::Pdf => crate::report::register::register_pdf(
                            &rows,
                            &crate::report::register::describe_filter(&filter),
                            public,
                            chrono::Local::now().naive_local(),
                        )
                        .map_err(|e| e.to_string())?,
                    };
                    crate::files::write_atomic(&path, &bytes)?;
                    Ok(rows.len())
                });
            match result {
                Ok(n) => Reply::Search(SearchReply::Done {
                    title: "Vedtaksregisteret er eksportert",
                    detail: format!("{n} vedtak til {}", path.display()),
                }),
                Err(e) => failed(Failure::ExportRegister, e),
            }
        }
        SearchRequest::FollowUps { filter, today } => match store.follow_ups(&filter, today) {
            Ok(rows) => Reply::Search(SearchReply::FollowUps(rows)),
            Err(e) => failed(Failure::ReadFollowUps, e),
        },
        SearchRequest::SetDone {
            key,
            done,
            filter,
            today,
        } => match store
            .set_follow_up_done(key, done)
            .and_then(|()| store.follow_ups(&filter, today))
        {
            Ok(rows) => Reply::Search(SearchReply::FollowUps(rows)),
            Err(e) => failed(Failure::MarkFollowUp, e),
        },
        SearchRequest::Previous(meeting) => match store.previous_open_follow_ups(meeting) {
            Ok(found) => Reply::Search(SearchReply::Previous { meeting, found }),
            Err(e) => failed(Failure::ReadPreviousFollowUps, e),
        },
        SearchRequest::Rebuild => match store.rebuild_search_index() {
            Ok(()) => Reply::Search(SearchReply::Done {
                title: "Søkeindeksen er bygget på nytt",
                detail: String::new(),
            }),
            Err(e) => failed(Failure::BuildIndex, e),
        },
    }
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

impl Core {
    /// Carries out a search, register or follow-up command.
    pub(super) fn search_command(&mut self, command: SearchCommand) {
        match command {
            SearchCommand::Search(query) => {
                if query == self.search.query && self.search.limit != 0 {
                    return;
                }
                self.search.query.clone_from(&query);
                self.search.limit = SEARCH_PAGE;
                self.send_search();
            }
            SearchCommand::MoreHits => {
                self.search.limit += SEARCH_PAGE;
                self.send_search();
            }
            SearchCommand::LoadRegister(filter) => {
                self.search.register_filter = filter.clone();
                let sort = self.search.register_sort;
                self.send(Request::Search(SearchRequest::Register { filter, sort }));
            }
            SearchCommand::SortRegister { sort, descending } => {
                // Sorting tens of thousands of rows in Norwegian order takes longer than a
                // frame: the database thread sorts.
                self.search.register_sort = (sort, descending);
                let filter = self.search.register_filter.clone();
                self.send(Request::Search(SearchRequest::Register {
                    filter,
                    sort: (sort, descending),
                }));
            }
            SearchCommand::ExportRegister {
                path,
                format,
                public,
            } => {
                let request = SearchRequest::Export {
                    filter: self.search.register_filter.clone(),
                    sort: self.search.register_sort,
                    path,
                    format,
                    public,
                };
                self.send(Request::Search(request));
            }
            SearchCommand::LoadFollowUps(filter) => {
                self.search.follow_up_filter = filter.clone();
                if self.search.choices.is_none() {
                    // The person filter needs the list of people responsible for something.
                    let filter = self.search.register_filter.clone();
                    let sort = self.search.register_sort;
                    self.send(Request::Search(SearchRequest::Register { filter, sort }));
                }
                self.send(Request::Search(SearchRequest::FollowUps {
                    filter,
                    today: today(),
                }));
            }
            SearchCommand::SetFollowUpDone { row, done } => self.set_follow_up_done(&row, done),
            SearchCommand::RebuildIndex => {
                self.send(Request::Search(SearchRequest::Rebuild));
                self.search.limit = 0;
                let query = self.search.query.clone();
                self.search_command(SearchCommand::Search(query));
            }
        }
    }

    /// Searches again for the current query (after a save changed what it may find).
    pub(super) fn search_refresh(&mut self) {
        if self.search.results.is_some() && is_searchable(&self.search.query) {
            self.send_search();
        }
    }

    fn send_search(&mut self) {
        self.search.sent += 1;
        if is_searchable(&self.search.query) {
            let request = SearchRequest::Search {
                seq: self.search.sent,
                query: self.search.query.clone(),
                limit: self.search.limit,
            };
            self.send(Request::Search(request));
        } else {
            self.search.shown = self.search.sent;
            self.search.results = None;
        }
    }

    /// Marks a follow-up done today (or open). In the open meeting, when it can be edited, this
    /// is an edit of the meeting (undo, autosave); otherwise the database records it.
    fn set_follow_up_done(&mut self, row: &FollowUpRow, done: bool) {
        let day = done.then(today);
        let in_open = self
            .open
            .as_ref()
            .filter(|o| o.id == row.meeting && !o.record.meeting.status.is_locked())
            .and_then(|o| {
                let item = o
                    .record
                    .meeting
                    .items
                    .iter()
                    .find(|i| i.number == row.case.item)?;
                let mut follow_ups = item.follow_ups.clone();
                let f = follow_ups
                    .get_mut(row.index)
                    .filter(|f| f.task == row.task)?;
                f.done = day;
                Some((item.number, follow_ups))
            });
        if let Some((item, follow_ups)) = in_open {
            self.edit(Edit::SetFollowUps { item, follow_ups }, Instant::now());
            if done && let Some(previous) = self.search.previous.as_mut() {
                previous.rows.retain(|r| r.key != row.key);
            }
            if let Some(list) = self.search.follow_ups.as_mut()
                && let Some(r) = list.iter_mut().find(|r| r.key == row.key)
            {
                r.done = day;
            }
            // Reload once the meeting is saved: the database thread works in order.
            self.flush_saves();
            let filter = self.search.follow_up_filter.clone();
            self.send(Request::Search(SearchRequest::FollowUps {
                filter,
                today: today(),
            }));
        } else {
            if done && let Some(previous) = self.search.previous.as_mut() {
                previous.rows.retain(|r| r.key != row.key);
            }
            let request = SearchRequest::SetDone {
                key: row.key,
                done: day,
                filter: self.search.follow_up_filter.clone(),
                today: today(),
            };
            self.send(Request::Search(request));
        }
    }

    /// Called when a meeting has been loaded: a meeting whose agenda is being built shows the
    /// open follow-ups of the body's previous meeting.
    pub(super) fn search_loaded(&mut self, id: MeetingId, status: MeetingStatus) {
        if self
            .search
            .previous
            .as_ref()
            .is_some_and(|p| p.for_meeting != id)
        {
            self.search.previous = None;
        }
        if matches!(status, MeetingStatus::Planned | MeetingStatus::NoticeSent) {
            self.send(Request::Search(SearchRequest::Previous(id)));
        }
    }

    /// Takes a search reply from the database thread.
    pub(super) fn search_reply(&mut self, reply: SearchReply) {
        match reply {
            SearchReply::Results { seq, results } => {
                if seq >= self.search.shown {
                    self.search.shown = seq;
                    self.search.results = Some(results);
                }
            }
            SearchReply::Register { rows, choices } => {
                self.search.register = Some(rows);
                self.search.choices = Some(choices);
            }
            SearchReply::FollowUps(rows) => self.search.follow_ups = Some(rows),
            SearchReply::Previous { meeting, found } => {
                if self.open.as_ref().is_some_and(|o| o.id == meeting) {
                    self.search.previous = found.map(|(reference, rows)| PreviousFollowUps {
                        for_meeting: meeting,
                        reference,
                        rows,
                    });
                }
            }
            SearchReply::Done { title, detail } => self.info(title, detail),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_needs_two_letters_or_digits() {
        assert!(!is_searchable(""));
        assert!(!is_searchable("ø"));
        assert!(!is_searchable(" \"- "));
        assert!(is_searchable("øk"));
        assert!(is_searchable("M4"));
    }
}
