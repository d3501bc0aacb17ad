#!/usr/bin/python3
"""Writes test/fixtures/kalman.json: a 2-D constant-velocity Kalman filter run for 1,000 steps
in numpy (the README's filter, the same operations in the same order), with its noisy
measurements, every state estimate and the final covariance. Run with Debian's numpy:
/usr/bin/python3 scripts/fixtures_kalman.py"""
import json
import os
import numpy as np

STEPS = 1000
rng = np.random.default_rng(20261204)
dt = 1.0
F = np.array([[1, 0, dt, 0], [0, 1, 0, dt], [0, 0, 1, 0], [0, 0, 0, 1]])
H = np.array([[1.0, 0, 0, 0], [0, 1, 0, 0]])
Q = np.eye(4) * 1e-3
R = np.eye(2) * 0.25
I = np.eye(4)

truth = np.zeros(4)
truth[2:] = [2.0, -1.0]
zs = []
for t in range(STEPS):
    truth = F @ truth + rng.normal(0, 0.03, 4) * [0, 0, 1, 1]
    zs.append(H @ truth + rng.normal(0, 0.5, 2))
zs = np.array(zs)

x = np.zeros(4)
P = np.eye(4) * 10
xs = []
for z in zs:
    x = F @ x
    P = F @ P @ F.T + Q
    S = H @ P @ H.T + R
    K = P @ H.T @ np.linalg.inv(S)
    x = x + K @ (z - H @ x)
    P = (I - K @ H) @ P
    xs.append(x)

path = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "kalman.json")
with open(path, "w") as fh:
    json.dump({"numpy": np.__version__, "zs": zs.tolist(), "xs": np.array(xs).tolist(),
               "P": P.tolist()}, fh, separators=(",", ":"))
print(path)
