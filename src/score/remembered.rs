//! What is worked out from a question alone, remembered per thread by the question's text: a
//! batch asks the same few questions of many answers.

use std::rc::Rc;

use rustc_hash::FxHashMap;

/// Most questions remembered; past this all are forgotten and remembering starts again.
const QUESTIONS: usize = 1024;

/// Values worked out from a text, kept while their `generation` holds (see [`Self::get`]).
pub struct Remembered<T> {
    generation: u64,
    values: FxHashMap<Box<str>, Rc<T>>,
}

impl<T> Default for Remembered<T> {
    fn default() -> Self {
        Remembered {
            generation: 0,
            values: FxHashMap::default(),
        }
    }
}

impl<T> Remembered<T> {
    /// The value for `text`, worked out by `make` unless remembered. Values from another
    /// `generation` (numbers they hold that mean nothing now) are all forgotten first.
    pub fn get(&mut self, text: &str, generation: u64, make: impl FnOnce() -> T) -> Rc<T> {
        if self.generation != generation || self.values.len() >= QUESTIONS {
            self.values.clear();
            self.generation = generation;
        }
        if let Some(value) = self.values.get(text) {
            return Rc::clone(value);
        }
        let value = Rc::new(make());
        self.values.insert(text.into(), Rc::clone(&value));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_worked_out_once_per_text_and_generation() {
        let mut remembered = Remembered::default();
        let mut made = 0;
        let mut get = |text: &str, generation: u64| {
            *remembered.get(text, generation, || {
                made += 1;
                text.len()
            })
        };
        assert_eq!((get("why?", 0), get("why?", 0), get("how?!", 0)), (4, 4, 5));
        get("why?", 1);
        assert_eq!(made, 3, "the new generation worked it out again");
    }

    #[test]
    fn remembering_is_bounded() {
        let mut remembered = Remembered::default();
        for n in 0..QUESTIONS * 2 {
            remembered.get(&n.to_string(), 0, || n);
        }
        assert!(remembered.values.len() <= QUESTIONS);
    }
}
