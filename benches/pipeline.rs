//! criterion benchmarks, one group per stage (see `benches/stages/`).

pub mod stages {
    pub mod actors;
}

criterion::criterion_group!(benches, stages::actors::bench);
criterion::criterion_main!(benches);
