"""Độ bất đẳng hướng của một tệp vector (định dạng văn bản của word2vec): cosine trung bình của N cặp từ ngẫu nhiên
(hai từ khác nhau, hạt giống cố định) và cosine trung bình của mỗi từ với láng giềng gần nhất của nó.
Cách dùng: python3 scripts/anisotropy.py <tệp-vector> [N=10000] [hạt-giống=1]   (cần numpy)"""
import sys
import numpy as np

path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
with open(path, encoding="utf-8") as f:
    v, d = map(int, f.readline().split())
    m = np.array([[float(x) for x in line.split()[1:]] for line in f], dtype=np.float64)
assert m.shape == (v, d), (m.shape, v, d)
u = m / np.linalg.norm(m, axis=1, keepdims=True)
rng = np.random.default_rng(seed)
a = rng.integers(0, v, n)
b = (a + rng.integers(1, v, n)) % v  # b ≠ a
rand = np.einsum("ij,ij->i", u[a], u[b])
nn = np.empty(v)
for s in range(0, v, 2048):
    c = u[s:s + 2048] @ u.T
    c[np.arange(c.shape[0]), np.arange(s, s + c.shape[0])] = -np.inf
    nn[s:s + 2048] = c.max(axis=1)
print(f"{rand.mean():.4f} {rand.std():.4f} {nn.mean():.4f} {v} {d}")
