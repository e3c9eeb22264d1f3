//! Values grouped by a small integer key in one list, each key's values together in the order
//! given: what a vector per key holds, without an allocation per key.

/// The values of key `k` are `list[start[k]..start[k + 1]]`.
pub struct Grouped {
    start: Vec<u32>,
    list: Vec<u32>,
}

impl Grouped {
    /// Groups `(key, value)` pairs, every key below `keys`, by a counting sort: within a key,
    /// values keep the order of `pairs`.
    pub fn new(keys: usize, pairs: &[(u32, u32)]) -> Grouped {
        let mut start = vec![0u32; keys + 1];
        for &(key, _) in pairs {
            start[key as usize + 1] += 1;
        }
        for k in 0..keys {
            start[k + 1] += start[k];
        }
        let mut next = start.clone();
        let mut list = vec![0u32; pairs.len()];
        for &(key, value) in pairs {
            list[next[key as usize] as usize] = value;
            next[key as usize] += 1;
        }
        Grouped { start, list }
    }

    /// The values of key `k`.
    pub fn of(&self, k: usize) -> &[u32] {
        &self.list[self.start[k] as usize..self.start[k + 1] as usize]
    }

    /// The values of key `k`, to change in place.
    pub fn of_mut(&mut self, k: usize) -> &mut [u32] {
        &mut self.list[self.start[k] as usize..self.start[k + 1] as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_key_holds_its_values_in_the_order_given() {
        let grouped = Grouped::new(4, &[(2, 7), (0, 1), (2, 5), (3, 9), (0, 4)]);
        assert_eq!(grouped.of(0), &[1, 4]);
        assert_eq!(grouped.of(1), &[] as &[u32]);
        assert_eq!(grouped.of(2), &[7, 5]);
        assert_eq!(grouped.of(3), &[9]);
    }
}
