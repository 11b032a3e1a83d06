use embedding_loss::corpus::*;
use embedding_loss::dynamics::*;
use embedding_loss::geometry::*;
fn main() {
    let v = 220;
    let d = 16;
    let toks = zipf_stream(200, 40_000, 1.0, 1).unwrap();
    let cnt = counts(&toks, v).unwrap();
    println!("fit exponent {}", fit_zipf_exponent(&cnt).unwrap());
    let pairs = bigram_pairs(&toks);
    let freq: Vec<f64> = cnt.iter().map(|&c| c as f64).collect();
    for tying in [Tying::Tied, Tying::Untied] {
        let mut m = SoftmaxModel::new(v, d, tying, 0.1, 7).unwrap();
        let e0 = m.input.clone();
        let spec = TrainSpec {
            lr: 0.5,
            batch: 32,
            steps: 6000,
            seed: 3,
        };
        let t = std::time::Instant::now();
        let mut snaps = vec![];
        let losses = train(&mut m, &pairs, &spec, |t, model, _| {
            if [0, 300, 1000, 3000, 5999].contains(&t) {
                snaps.push((t, model.input.clone(), model.output.clone()))
            }
        })
        .unwrap();
        println!(
            "{tying:?} time {:?} loss {} -> {}",
            t.elapsed(),
            losses[..50].iter().sum::<f64>() / 50.0,
            losses[losses.len() - 50..].iter().sum::<f64>() / 50.0
        );
        for (t, e, u) in &snaps {
            let n = row_norms(e);
            let s = spearman(&freq[..200], &n[..200]).unwrap();
            let mut line = format!(
                "t={t} spearman(freq, |e|)={s:.3} aniso={:.3} aniso_c={:.3}",
                anisotropy(e).unwrap(),
                anisotropy(&centre_rows(e).unwrap()).unwrap()
            );
            if let Some(u) = u {
                line += &format!(
                    " spearman(freq,|u|)={:.3}",
                    spearman(&freq[..200], &row_norms(u)[..200]).unwrap()
                );
            }
            // bands
            let bands = [(0, 10), (10, 40), (40, 100), (100, 200), (200, 220)];
            for (a, b) in bands {
                let m: f64 = n[a..b].iter().sum::<f64>() / (b - a) as f64;
                line += &format!(" [{a},{b}):{m:.3}");
            }
            println!("{line}");
        }
        // drift coherence of rare tokens
        let disp = &m.input - &e0;
        let mu = {
            let w: f64 = freq.iter().sum();
            let mut mu = ndarray::Array1::<f64>::zeros(d);
            for i in 0..v {
                mu.scaled_add(freq[i] / w, &m.input.row(i));
            }
            mu
        };
        for (lo, hi) in [(0usize, 10usize), (100, 150), (150, 200), (200, 220)] {
            let rare: Vec<usize> = (lo..hi).collect();
            let dr = disp.select(ndarray::Axis(0), &rare);
            println!(
                "rare disp aniso {:.3}, mean cos(disp, -mu) {:.3}",
                anisotropy(&dr).unwrap(),
                rare.iter()
                    .map(|&i| cosine(disp.row(i).as_slice().unwrap(), &(-&mu).to_vec()).unwrap())
                    .sum::<f64>()
                    / (hi - lo) as f64
            );
        }
    }
}
