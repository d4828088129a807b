// placeholder so the target builds; real code lands with its issue piece.
