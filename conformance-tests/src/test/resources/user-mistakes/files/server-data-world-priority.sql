-- A stored session with the priority of one of the demo world's own sessions (tms-preload0001 has 100):
-- the world file was edited after the session was created, or another world is given now.
INSERT INTO created_session (account_id, traffic_mirror_session_id, traffic_mirror_session_name, description,
  network_interface_id, traffic_mirror_target_id, traffic_mirror_filter_id, priority, virtual_network_id,
  packet_length, project_name, tags, created_at_ms)
VALUES ('2000000001', 'tms-stored0001', '', '', 'eni-bp1fgnh68xyz90001', 'tmt-35bvae1r7rv283dy2w2ll0001',
  'tmf-bp1opxu1zkhn001230001', 100, 1, 1500, 'default', '[]', 0);
