//! What happened to a signed PDF after each signature: the file as signature N signed it (its
//! bytes up to the end of the signature's byte range) compared object by object with the file
//! as it is now.
//!
//! Signing adds only its own objects: the signature dictionary, its field (a widget, and the
//! field's appearance), the page's `/Annots` and the `AcroForm`'s `/Fields` growing by that
//! widget, `/SigFlags`, the catalog's `/AcroForm` and `/DSS` (validation data) and the
//! cross-reference stream. Anything else (a page's content, an annotation, a font, the
//! document information, a removed object) is a change the signer did not sign, and is named.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

/// Objects equal as PDF: strings compared by bytes (not by how they were written), streams by
/// dictionary and content (not by where they sit in the file).
fn same(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::String(x, _), Object::String(y, _)) => x == y,
        (Object::Array(x), Object::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Object::Dictionary(x), Object::Dictionary(y)) => same_dict(x, y, &[]),
        (Object::Stream(x), Object::Stream(y)) => {
            x.content == y.content && same_dict(&x.dict, &y.dict, &[])
        }
        (Object::Real(x), Object::Real(y)) => (x - y).abs() <= f32::EPSILON * x.abs().max(1.0),
        (Object::Real(x), Object::Integer(y)) | (Object::Integer(y), Object::Real(x)) => {
            #[allow(clippy::cast_precision_loss)] // page coordinates are small numbers
            let y = *y as f32;
            (x - y).abs() <= f32::EPSILON * x.abs().max(1.0)
        }
        _ => a == b,
    }
}

/// Dictionaries equal but for the keys in `ignore`.
fn same_dict(a: &Dictionary, b: &Dictionary, ignore: &[&[u8]]) -> bool {
    let keys = |d: &Dictionary| -> BTreeSet<Vec<u8>> {
        d.iter()
            .map(|(k, _)| k.clone())
            .filter(|k| !ignore.contains(&k.as_slice()))
            .collect()
    };
    let (ka, kb) = (keys(a), keys(b));
    ka == kb
        && ka.iter().all(|k| match (a.get(k), b.get(k)) {
            (Ok(x), Ok(y)) => same(x, y),
            _ => false,
        })
}

/// The keys whose values differ between `a` and `b`, but for `ignore`.
fn changed_keys(a: &Dictionary, b: &Dictionary, ignore: &[&[u8]]) -> Vec<String> {
    let mut keys: BTreeSet<Vec<u8>> = a.iter().map(|(k, _)| k.clone()).collect();
    keys.extend(b.iter().map(|(k, _)| k.clone()));
    keys.into_iter()
        .filter(|k| !ignore.contains(&k.as_slice()))
        .filter(|k| match (a.get(k), b.get(k)) {
            (Ok(x), Ok(y)) => !same(x, y),
            _ => true,
        })
        .map(|k| format!("/{}", String::from_utf8_lossy(&k)))
        .collect()
}

fn dict(obj: &Object) -> Option<&Dictionary> {
    match obj {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn name_of<'a>(d: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    d.get(key).ok().and_then(|o| o.as_name().ok())
}

/// A signature dictionary: a byte range and a signature value.
pub(crate) fn is_signature_dict(d: &Dictionary) -> bool {
    d.has(b"ByteRange") && d.has(b"Contents")
}

/// A signature field (merged with its widget).
fn is_signature_field(d: &Dictionary) -> bool {
    name_of(d, b"FT") == Some(b"Sig".as_slice())
}

/// `obj` resolved one level when it is a reference.
fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    match obj {
        Object::Reference(id) => doc.objects.get(id).unwrap_or(obj),
        _ => obj,
    }
}

/// Every object reachable from `start` through references (not through `/Parent` or `/P`,
/// which lead back up to the page tree).
fn reachable(doc: &Document, start: &Object, out: &mut HashSet<ObjectId>) {
    let mut stack = vec![start.clone()];
    while let Some(obj) = stack.pop() {
        match obj {
            Object::Reference(id) => {
                if out.insert(id)
                    && let Some(o) = doc.objects.get(&id)
                {
                    stack.push(o.clone());
                }
            }
            Object::Array(items) => stack.extend(items),
            Object::Dictionary(d) => stack.extend(
                d.iter()
                    .filter(|(k, _)| k.as_slice() != b"Parent" && k.as_slice() != b"P")
                    .map(|(_, v)| v.clone()),
            ),
            Object::Stream(s) => stack.extend(
                s.dict
                    .iter()
                    .filter(|(k, _)| k.as_slice() != b"Parent")
                    .map(|(_, v)| v.clone()),
            ),
            _ => {}
        }
    }
}

/// What belongs to the pages of `doc`: page of each page object, of each content stream and of
/// each annotation.
struct PageMap {
    pages: BTreeMap<ObjectId, u32>,
    contents: BTreeMap<ObjectId, u32>,
    annots: BTreeMap<ObjectId, u32>,
}

fn page_map(doc: &Document) -> PageMap {
    let mut map = PageMap {
        pages: BTreeMap::new(),
        contents: BTreeMap::new(),
        annots: BTreeMap::new(),
    };
    for (number, id) in doc.get_pages() {
        map.pages.insert(id, number);
        let Some(page) = doc.objects.get(&id).and_then(dict) else {
            continue;
        };
        for (key, target) in [
            (b"Contents".as_slice(), &mut map.contents),
            (b"Annots".as_slice(), &mut map.annots),
        ] {
            let Ok(value) = page.get(key) else { continue };
            if let Object::Reference(id) = value {
                target.entry(*id).or_insert(number);
            }
            if let Object::Array(items) = resolve(doc, value) {
                for item in items {
                    if let Object::Reference(id) = item {
                        target.entry(*id).or_insert(number);
                    }
                }
            }
        }
    }
    map
}

/// The references in an array object (direct or behind one reference).
fn refs_in(doc: &Document, value: Option<&Object>) -> Vec<ObjectId> {
    let Some(value) = value else {
        return Vec::new();
    };
    match resolve(doc, value) {
        Object::Array(items) => items.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    }
}

/// The kind of annotation `id` is in `doc`, for messages (`FreeText`, `Square`, …).
fn annot_kind(doc: &Document, id: ObjectId) -> String {
    doc.objects
        .get(&id)
        .and_then(dict)
        .and_then(|d| name_of(d, b"Subtype"))
        .map_or_else(
            || "annotation".to_owned(),
            |s| String::from_utf8_lossy(s).into_owned(),
        )
}

/// What changed between `old` (the file as a signature signed it) and `new` (the file now),
/// beyond the objects later signatures add. Empty when only signing happened.
#[must_use]
pub(crate) fn changes(old: &Document, new: &Document) -> Vec<String> {
    let mut found: BTreeSet<String> = BTreeSet::new();
    let is_new = |id: &ObjectId| !old.objects.contains_key(id);
    let new_dict = |id: &ObjectId| new.objects.get(id).and_then(dict);

    // The objects later signatures may add: their signature dictionaries, their fields (with
    // everything the field's appearance uses), validation data (DSS).
    let mut allowed: HashSet<ObjectId> = HashSet::new();
    let mut signature_fields: HashSet<ObjectId> = HashSet::new();
    for (id, obj) in &new.objects {
        let Some(d) = dict(obj) else { continue };
        if !is_new(id) {
            continue;
        }
        if is_signature_dict(d) && !matches!(obj, Object::Stream(_)) {
            allowed.insert(*id);
        } else if is_signature_field(d) {
            let value_ok = match d.get(b"V") {
                Ok(Object::Reference(v)) => is_new(v) && new_dict(v).is_some_and(is_signature_dict),
                Ok(_) => false,
                Err(_) => true,
            };
            if value_ok {
                allowed.insert(*id);
                signature_fields.insert(*id);
                if let Ok(ap) = d.get(b"AP") {
                    let mut seen = HashSet::new();
                    reachable(new, ap, &mut seen);
                    allowed.extend(seen.into_iter().filter(|i| is_new(i)));
                }
            }
        } else if matches!(name_of(d, b"Type"), Some(b"XRef" | b"ObjStm")) {
            allowed.insert(*id);
        }
    }
    let root_of = |doc: &Document| doc.trailer.get(b"Root").and_then(Object::as_reference).ok();
    let (old_root, new_root) = (root_of(old), root_of(new));
    if old_root != new_root {
        found.insert("the document catalog was replaced".to_owned());
    }
    if let Some(catalog) = new_root.and_then(|r| new_dict(&r))
        && let Ok(dss) = catalog.get(b"DSS")
    {
        let mut seen = HashSet::new();
        reachable(new, dss, &mut seen);
        allowed.extend(seen.into_iter().filter(|i| is_new(i)));
    }
    let acroform = new_root
        .and_then(|r| new_dict(&r))
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|a| a.as_reference().ok());
    let info_of = |doc: &Document| doc.trailer.get(b"Info").ok().cloned();
    match (info_of(old), info_of(new)) {
        (Some(a), Some(b)) if same(resolve(old, &a), resolve(new, &b)) => {}
        (None, None) => {}
        _ => {
            found.insert("the document information (title, author, dates) changed".to_owned());
        }
    }

    let old_pages = page_map(old);
    let new_pages = page_map(new);
    let page_of = |id: &ObjectId, map: &BTreeMap<ObjectId, u32>| map.get(id).copied();
    // Added references (to annotations or fields) that are not later signatures' fields.
    let foreign_additions = |before: &[ObjectId], after: &[ObjectId]| -> Vec<ObjectId> {
        after
            .iter()
            .filter(|r| !before.contains(r))
            .filter(|r| !signature_fields.contains(r))
            .copied()
            .collect()
    };

    let mut ids: BTreeSet<ObjectId> = old.objects.keys().copied().collect();
    ids.extend(new.objects.keys().copied());
    let mut other_added = 0_usize;
    for id in ids {
        match (old.objects.get(&id), new.objects.get(&id)) {
            (Some(a), Some(b)) if same(a, b) => {}
            (Some(a), None) => {
                let what = dict(a).map_or("", |d| {
                    if is_signature_dict(d) {
                        "a signature "
                    } else if old_pages.pages.contains_key(&id) {
                        "a page "
                    } else {
                        ""
                    }
                });
                found.insert(format!("{what}object {} was removed", id.0));
            }
            (None, Some(b)) => {
                if allowed.contains(&id) {
                    continue;
                }
                let d = dict(b);
                if let Some(page) = page_of(&id, &new_pages.pages) {
                    found.insert(format!("page {page} added"));
                } else if let Some(page) = page_of(&id, &new_pages.annots) {
                    found.insert(format!(
                        "annotation added on page {page} ({})",
                        annot_kind(new, id)
                    ));
                } else if let Some(page) = page_of(&id, &new_pages.contents) {
                    found.insert(format!("page content added to page {page}"));
                } else if d.is_some_and(is_signature_field) {
                    found.insert(format!(
                        "a signature field (object {}) that is not a new signature",
                        id.0
                    ));
                } else if d.is_some_and(|d| d.has(b"Subtype") && d.has(b"Rect")) {
                    found.insert(format!("annotation added ({})", annot_kind(new, id)));
                } else {
                    other_added += 1;
                }
            }
            (Some(a), Some(b)) => {
                let (da, db) = (dict(a), dict(b));
                if let Some(page) = page_of(&id, &new_pages.pages)
                    && let (Some(da), Some(db)) = (da, db)
                {
                    for key in changed_keys(da, db, &[b"Annots"]) {
                        if key == "/Contents" || key == "/Resources" {
                            found.insert(format!("page content of page {page} changed"));
                        } else {
                            found.insert(format!("page {page} changed ({key})"));
                        }
                    }
                    let before = refs_in(old, da.get(b"Annots").ok());
                    let after = refs_in(new, db.get(b"Annots").ok());
                    if before.iter().any(|r| !after.contains(r)) {
                        found.insert(format!("annotation removed from page {page}"));
                    }
                    for added in foreign_additions(&before, &after) {
                        found.insert(format!(
                            "annotation added on page {page} ({})",
                            annot_kind(new, added)
                        ));
                    }
                } else if Some(id) == new_root
                    && let (Some(da), Some(db)) = (da, db)
                {
                    let keys = changed_keys(da, db, &[b"AcroForm", b"DSS"]);
                    if !keys.is_empty() {
                        found.insert(format!("document catalog changed ({})", keys.join(", ")));
                    }
                } else if Some(id) == acroform
                    && let (Some(da), Some(db)) = (da, db)
                {
                    let keys = changed_keys(da, db, &[b"Fields", b"SigFlags"]);
                    if !keys.is_empty() {
                        found.insert(format!("form changed ({})", keys.join(", ")));
                    }
                    let before = refs_in(old, da.get(b"Fields").ok());
                    let after = refs_in(new, db.get(b"Fields").ok());
                    if before.iter().any(|r| !after.contains(r))
                        || !foreign_additions(&before, &after).is_empty()
                    {
                        found.insert("form fields changed".to_owned());
                    }
                } else if let (Object::Array(before), Object::Array(after)) = (a, b) {
                    // An indirect /Annots or /Fields array grown by later signature fields.
                    let before: Vec<ObjectId> = before
                        .iter()
                        .filter_map(|o| o.as_reference().ok())
                        .collect();
                    let after: Vec<ObjectId> =
                        after.iter().filter_map(|o| o.as_reference().ok()).collect();
                    if before.iter().any(|r| !after.contains(r))
                        || !foreign_additions(&before, &after).is_empty()
                    {
                        found.insert(format!("object {} (a list) changed", id.0));
                    }
                } else if let Some(page) =
                    page_of(&id, &old_pages.contents).or_else(|| page_of(&id, &new_pages.contents))
                {
                    found.insert(format!("page content of page {page} changed"));
                } else if let Some(page) = page_of(&id, &old_pages.annots) {
                    found.insert(format!(
                        "annotation changed on page {page} ({})",
                        annot_kind(new, id)
                    ));
                } else if da.is_some_and(is_signature_dict) {
                    found.insert(format!(
                        "the dictionary of an earlier signature (object {}) was replaced",
                        id.0
                    ));
                } else if Some(&Object::Reference(id)) == new.trailer.get(b"Info").ok() {
                    // Reported with the trailer above.
                } else {
                    let kind = da
                        .and_then(|d| name_of(d, b"Type").or_else(|| name_of(d, b"Subtype")))
                        .map(|t| format!(" ({})", String::from_utf8_lossy(t)))
                        .unwrap_or_default();
                    found.insert(format!("object {}{kind} changed", id.0));
                }
            }
            (None, None) => {}
        }
    }
    // What a reader sees first: pages, content and annotations, then the rest.
    let weight = |w: &String| !(w.contains("page") || w.contains("annotation"));
    let mut out: Vec<String> = found.into_iter().collect();
    out.sort_by_key(weight);
    if other_added > 0 {
        out.push(format!(
            "{other_added} other object(s) added (fonts, images or drawings)"
        ));
    }
    out
}
