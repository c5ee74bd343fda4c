#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| stance_fuzz::checks::run_lexicon_speech_verbs(data));
