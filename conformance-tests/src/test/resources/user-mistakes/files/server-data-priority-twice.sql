-- Something other than the server wrote a second session with a priority already taken in the account.
INSERT INTO created_session (account_id, traffic_mirror_session_id, traffic_mirror_session_name, description,
  network_interface_id, traffic_mirror_target_id, traffic_mirror_filter_id, priority, virtual_network_id,
  packet_length, project_name, tags, created_at_ms)
VALUES ('2000000001', 'tms-outside0001', '', '', 'eni-bp1fgnh68xyz90001', 'tmt-35bvae1r7rv283dy2w2ll0001',
  'tmf-bp1opxu1zkhn001230001', 7000, 1, 1500, 'default', '[]', 0),
  ('2000000001', 'tms-outside0002', '', '', 'eni-bp1fgnh68xyz90001', 'tmt-35bvae1r7rv283dy2w2ll0001',
  'tmf-bp1opxu1zkhn001230001', 7000, 2, 1500, 'default', '[]', 0);
