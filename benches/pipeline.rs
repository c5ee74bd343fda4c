//! criterion benchmarks, one group per stage (see `benches/stages/`).

pub mod stages {
    pub mod actors;
    pub mod sentiment;
}

criterion::criterion_group!(benches, stages::actors::bench, stages::sentiment::bench);
criterion::criterion_main!(benches);
