//! Signatures in the app: who must sign the open meeting's minutes, who has, and the stored
//! signed PDF checked the way `motebok verify` checks a file. Read on the database thread
//! whenever a meeting is loaded; signing itself is done with `motebok sign`.

use super::core::Core;
use super::worker::{Reply, Request};
use crate::sign::{SignatorySlot, VerifyReport, signatory_slots, verify_pdf};
use crate::store::{MeetingId, Store};

/// What the database thread is asked about signatures.
#[derive(Debug)]
pub enum SigningRequest {
    /// Signatories, signatures and the checked signed PDF of a meeting.
    Load(MeetingId),
}

/// What it answers.
#[derive(Debug)]
pub enum SigningReply {
    /// The signature state of a meeting.
    Loaded(MeetingId, Box<SignatureView>),
}

/// The signature state of one meeting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignatureView {
    /// Who must sign, and the signature each has made.
    pub slots: Vec<SignatorySlot>,
    /// The stored signed PDF checked, when there is one.
    pub check: Option<VerifyReport>,
    /// The size of the stored signed PDF in bytes.
    pub pdf_bytes: usize,
}

/// The signature state of the open meeting.
#[derive(Debug, Default)]
pub struct SigningState {
    /// The latest view, for the meeting it belongs to.
    pub view: Option<(MeetingId, SignatureView)>,
}

impl SigningState {
    /// The view of meeting `id`, when loaded.
    #[must_use]
    pub fn view_for(&self, id: MeetingId) -> Option<&SignatureView> {
        self.view.as_ref().filter(|(m, _)| *m == id).map(|(_, v)| v)
    }
}

/// Reads the signature state of meeting `id`.
pub fn load_view(store: &Store, id: MeetingId) -> Result<SignatureView, String> {
    let slots = signatory_slots(store, id).map_err(|e| e.to_string())?;
    let pdf = store.signed_document(id).map_err(|e| e.to_string())?;
    Ok(SignatureView {
        slots,
        pdf_bytes: pdf.as_ref().map_or(0, Vec::len),
        check: pdf.as_deref().map(verify_pdf),
    })
}

/// Runs a signing request on the database thread.
#[allow(clippy::needless_pass_by_value)] // requests are handed over like every other request
pub(super) fn handle(store: &mut Store, request: SigningRequest) -> Reply {
    match request {
        SigningRequest::Load(id) => match load_view(store, id) {
            Ok(view) => Reply::Signing(SigningReply::Loaded(id, Box::new(view))),
            Err(detail) => Reply::Failed {
                action: "Kunne ikke lese signaturene",
                detail,
            },
        },
    }
}

impl Core {
    /// A meeting was loaded: read its signature state.
    pub(super) fn signing_loaded(&mut self, id: MeetingId) {
        self.send(Request::Signing(SigningRequest::Load(id)));
    }

    /// An answer from the database thread.
    pub(super) fn signing_reply(&mut self, reply: SigningReply) {
        match reply {
            SigningReply::Loaded(id, view) => self.signing.view = Some((id, *view)),
        }
    }
}
