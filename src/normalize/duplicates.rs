//! The duplicate check of SPEC §3.7: accepted ids folded to lower case, with where each was read.

use super::*;

/// The accepted ids folded to lower case, with where each was read: the keys side by side in one
/// string, chained per hash (no string allocated per id). `set_key` folds an id into the scratch
/// key that `get` and `insert` use.
#[derive(Default)]
pub(super) struct Seen {
    pub(super) keys: String,
    /// End of each key in `keys`.
    pub(super) ends: Vec<usize>,
    /// (file index, row) of each key.
    pub(super) at: Vec<(usize, u32)>,
    /// The previous key with the same hash (u32::MAX: none).
    pub(super) next: Vec<u32>,
    /// Hash of a key → its last key.
    pub(super) heads: PlHashMap<u64, u32>,
    pub(super) hasher: PlRandomState,
    pub(super) scratch: String,
    pub(super) hash: u64,
}

impl Seen {
    pub(super) fn set_key(&mut self, id: &str) {
        use std::hash::BuildHasher;
        self.scratch.clear();
        if id.is_ascii() {
            self.scratch
                .extend(id.bytes().map(|b| b.to_ascii_lowercase() as char));
        } else {
            self.scratch.push_str(&id.to_lowercase());
        }
        self.hash = self.hasher.hash_one(self.scratch.as_str());
    }

    pub(super) fn key(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.keys[start..self.ends[i]]
    }

    /// Where the key was first accepted.
    pub(super) fn get(&self) -> Option<(usize, u32)> {
        let mut i = *self.heads.get(&self.hash)?;
        while i != u32::MAX {
            if self.key(i) == self.scratch {
                return Some(self.at[i as usize]);
            }
            i = self.next[i as usize];
        }
        None
    }

    pub(super) fn insert(&mut self, at: (usize, u32)) {
        let i = self.at.len() as u32;
        self.keys.push_str(&self.scratch);
        self.ends.push(self.keys.len());
        self.at.push(at);
        let previous = self.heads.insert(self.hash, i);
        self.next.push(previous.unwrap_or(u32::MAX));
    }
}
