//! The duplicate check of SPEC §3.7: accepted ids folded to lower case, with where each was read.

use super::*;

/// The accepted ids folded to lower case, with where each was read: the keys side by side in one
/// string, chained per hash (no string kept per id). `key_of` folds an id into the key and hash
/// that `get` and `insert` take; it runs wherever the row is judged, with the same hasher.
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
}

impl Seen {
    /// The key of an id (folded to lower case) and its hash.
    pub(super) fn key_of(hasher: &PlRandomState, id: &str) -> (String, u64) {
        use std::hash::BuildHasher;
        let key = if id.is_ascii() {
            id.to_ascii_lowercase()
        } else {
            id.to_lowercase()
        };
        let hash = hasher.hash_one(key.as_str());
        (key, hash)
    }

    fn key(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.keys[start..self.ends[i]]
    }

    /// Where the key was first accepted.
    pub(super) fn get(&self, hash: u64, key: &str) -> Option<(usize, u32)> {
        let mut i = *self.heads.get(&hash)?;
        while i != u32::MAX {
            if self.key(i) == key {
                return Some(self.at[i as usize]);
            }
            i = self.next[i as usize];
        }
        None
    }

    pub(super) fn insert(&mut self, hash: u64, key: String, at: (usize, u32)) {
        let i = self.at.len() as u32;
        self.keys.push_str(&key);
        self.ends.push(self.keys.len());
        self.at.push(at);
        let previous = self.heads.insert(hash, i);
        self.next.push(previous.unwrap_or(u32::MAX));
    }
}
