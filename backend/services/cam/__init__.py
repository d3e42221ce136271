"""CAM, client acquisition (spec section 10): scoring, qualification, routing, outreach, replies."""
